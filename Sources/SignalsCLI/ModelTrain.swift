import ArgumentParser
import ComputeModel
import Foundation

/// `signals model train --params 405e9 --tokens 15.6e12 --gpu h100-sxm --mfu 0.40 [--price 2.99]`.
struct ModelTrain: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "train", abstract: "Training compute, GPU-hours, cost and wall-clock time (FLOPs = 6·N·D).")

    @OptionGroup var options: ModelOptions

    @Option(help: "Model parameters, e.g. 405e9.") var params: String
    @Option(help: "Training tokens, e.g. 15.6e12.") var tokens: String
    @Option(help: "Accelerator id or alias.") var gpu: String
    @Option(help: "Model FLOPs utilization, 0–1 (default: the mfu assumption).") var mfu: String?
    @Option(help: "USD per GPU-hour (default: median on-demand price).") var price: String?
    @Option(help: "GPUs in the cluster, for wall-clock time.") var gpus: String?
    @Option(help: "Format whose dense peak applies (default bf16).") var precision: String?

    func run() throws {
        print(try output())
    }

    func output() throws -> String {
        let data = try options.load()
        let (n, d, u) = try ModelCLI.trainingJob(params: params, tokens: tokens, mfu: mfu)
        let p = try ModelCLI.number(price, flag: "--price")
        let k = try ModelCLI.integer(gpus, flag: "--gpus")
        let format = try ModelCLI.precision(precision) ?? .bf16
        let estimate = try ModelCLI.model { () throws(ModelError) in
            try data.training(parameters: n, tokens: d, gpu: gpu, precision: format, mfu: u, price: p, gpus: k)
        }
        if options.json { return try ModelCLI.json(estimate) }
        let accelerator = try ModelCLI.model { () throws(ModelError) in try data.accelerator(id: gpu) }
        let inputs = estimate.gpuHours.inputs
        var table = ModelTable(["quantity", "value", "how"], rightAligned: [1])
        table.add(["training compute", estimate.flops.formatted, estimate.flops.formula ?? ""])
        table.add(["GPU-hours", "\(Format.words(estimate.gpuHours.value ?? 0)) (\(Format.scientific(estimate.gpuHours.value ?? 0)))", estimate.gpuHours.formula ?? ""])
        if let cost = estimate.cost {
            let price = cost.inputs[1]
            table.add(["cost", Format.usd(cost.value ?? 0), "GPU-hours × \(price.formatted) (\(price.provenance.source == "input" ? "given" : price.label))"])
        } else {
            table.add(["cost", "—", "no price given and no \(PricingType.onDemand.rawValue) prices for \(accelerator.id)"])
        }
        if let days = estimate.wallClockDays {
            table.add(["wall-clock", "\(Format.significant(days.value ?? 0)) days", days.formula ?? ""])
        } else {
            table.add(["wall-clock", "—", "give --gpus K for the time on K GPUs"])
        }
        table.add(["compute-optimal tokens", Format.words(estimate.computeOptimalTokens.value ?? 0), "parameters × \(Format.grouped(estimate.computeOptimalTokens.inputs[1].value ?? 0)) tokens per parameter (Chinchilla)"])
        table.add(["compute-optimal size", "\(Format.words(estimate.computeOptimalParameters.value ?? 0)) parameters", "for the same FLOPs: \(estimate.computeOptimalParameters.formula ?? "")"])
        let peak = inputs[1], mfuFigure = inputs[2]
        let header = "Training \(Format.words(n)) parameters on \(Format.words(d)) tokens on \(accelerator.name): \(peak.label) \(peak.formatted), MFU \(mfuFigure.formatted) (\(mfuFigure.provenance.source))"
        return header + "\n\n" + table.text
    }
}
