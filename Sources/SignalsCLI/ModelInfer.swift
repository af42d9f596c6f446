import ArgumentParser
import ComputeModel
import Foundation

/// `signals model infer --params 70e9 --bytes-per-param 1 --gpu h200`: decode and prefill bounds, cost per token.
struct ModelInfer: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "infer", abstract: "Decode (memory-bound) and prefill (compute-bound) limits, KV cache and cost per million tokens.")

    @OptionGroup var options: ModelOptions

    @Option(help: "Model parameters, e.g. 70e9.") var params: String
    @Option(name: .customLong("bytes-per-param"), help: "Bytes per weight: 2 (BF16), 1 (FP8), 0.5 (FP4).") var bytesPerParam: String = "2"
    @Option(help: "Accelerator id or alias.") var gpu: String
    @Option(help: "Layers, for the KV cache.") var layers: String?
    @Option(name: .customLong("kv-heads"), help: "KV heads, for the KV cache.") var kvHeads: String?
    @Option(name: .customLong("head-dim"), help: "Head dimension, for the KV cache.") var headDim: String?
    @Option(name: .customLong("kv-bytes"), help: "Bytes per KV-cache element.") var kvBytes: String = "2"
    @Option(help: "Context tokens read from the KV cache per generated token.") var context: String = "0"
    @Option(help: "Format whose dense peak bounds prefill (default from --bytes-per-param).") var precision: String?
    @Option(help: "USD per GPU-hour (default: median on-demand price).") var price: String?
    @Option(help: "Aggregate tokens/s for the cost (default: the single-sequence decode bound).") var throughput: String?

    func run() throws {
        print(try output())
    }

    func output() throws -> String {
        let data = try options.load()
        let n = try ModelCLI.required(params, flag: "--params")
        let b = try ModelCLI.required(bytesPerParam, flag: "--bytes-per-param")
        var shape: ModelShape?
        let l = try ModelCLI.integer(layers, flag: "--layers"), h = try ModelCLI.integer(kvHeads, flag: "--kv-heads")
        let dim = try ModelCLI.integer(headDim, flag: "--head-dim")
        if l != nil || h != nil || dim != nil {
            guard let l, let h, let dim else { throw ModelCLIError("the KV cache needs all of --layers, --kv-heads and --head-dim") }
            let ctx = try ModelCLI.number(context, flag: "--context", positive: false) ?? 0
            guard ctx >= 0, ctx == ctx.rounded() else { throw ModelCLIError("--context must be a whole number of tokens, not \(context)") }
            shape = ModelShape(layers: l, kvHeads: h, headDim: dim, bytesPerElement: try ModelCLI.required(kvBytes, flag: "--kv-bytes"),
                               contextTokens: Int(ctx))
        }
        let format = try ModelCLI.precision(precision)
        let p = try ModelCLI.number(price, flag: "--price"), x = try ModelCLI.number(throughput, flag: "--throughput")
        let estimate = try ModelCLI.model { () throws(ModelError) in
            try data.inference(parameters: n, bytesPerParameter: b, gpu: gpu, shape: shape, precision: format, price: p, throughput: x)
        }
        if options.json { return try ModelCLI.json(estimate) }
        let accelerator = try ModelCLI.model { () throws(ModelError) in try data.accelerator(id: gpu) }
        var table = ModelTable(["quantity", "value", "how"], rightAligned: [1])
        table.add(["weights", "\(Format.significant((estimate.weightBytes.value ?? 0) / 1e9)) GB", estimate.weightBytes.formula ?? ""])
        if let weights = estimate.weightBytes.value, let memory = accelerator.memory.value {
            let gpus = Int((weights / (memory * 1e9)).rounded(.up))
            table.add(["fits in HBM?", gpus <= 1 ? "yes" : "no", "weights vs \(accelerator.memory.formatted) per GPU\(gpus > 1 ? ": needs at least \(gpus) GPUs before any KV cache (bounds below are per GPU)" : "")"])
        }
        if let kv = estimate.kvBytesPerToken {
            table.add(["KV cache per token", "\(Format.grouped(kv.value ?? 0)) bytes", kv.formula ?? ""])
        }
        table.add(["bytes read per token", "\(Format.significant((estimate.bytesPerToken.value ?? 0) / 1e9)) GB", estimate.bytesPerToken.formula ?? ""])
        table.add(["decode bound", "≤ \(Format.significant(estimate.decodeTokensPerSecond.value ?? 0)) tokens/s", "\(accelerator.bandwidth.formatted) ÷ bytes per token, one sequence"])
        if let prefill = estimate.prefillTokensPerSecond {
            table.add(["prefill bound", "≤ \(Format.grouped(prefill.value ?? 0, maxFractionDigits: 0)) tokens/s", "\(prefill.inputs[0].label) \(prefill.inputs[0].formatted) ÷ (2 × parameters)"])
        } else {
            table.add(["prefill bound", "—", "\(accelerator.id) has no dense \(estimate.precision.label) peak; pass --precision"])
        }
        if let cost = estimate.costPerMillionTokens {
            let price = cost.inputs[0]
            table.add(["cost", "\(Format.usd(cost.value ?? 0)) per 1M tokens", "\(price.formatted) (\(price.provenance.source == "input" ? "given" : price.label)) at \(Format.significant(estimate.throughput.value ?? 0)) tokens/s"])
        }
        let header = "Serving \(Format.words(n)) parameters at \(Format.grouped(b)) byte\(b == 1 ? "" : "s") per parameter on \(accelerator.name) (upper bounds: real utilization is lower; batching raises throughput)"
        return header + "\n\n" + table.text
    }
}
