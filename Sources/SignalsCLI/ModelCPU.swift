import ArgumentParser
import ComputeModel
import Foundation

/// `signals model cpu-vs-gpu --cpu xeon-8480 --gpu h100 --params 7e9 --tokens 140e9`: one training job on each.
struct ModelCPU: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cpu-vs-gpu",
        abstract: "One training job on a CPU (from cpus.yaml) and on a GPU, both in BF16 at the same MFU.")

    @OptionGroup var options: ModelOptions

    @Option(help: "CPU id from cpus.yaml, e.g. xeon-8480.") var cpu: String
    @Option(help: "Accelerator id or alias.") var gpu: String
    @Option(help: "Model parameters, e.g. 7e9.") var params: String
    @Option(help: "Training tokens, e.g. 140e9.") var tokens: String
    @Option(help: "Model FLOPs utilization, 0–1, for both (default: the mfu assumption, measured on GPUs).") var mfu: String?

    func run() throws {
        print(try output())
    }

    func output() throws -> String {
        let data = try options.load()
        let (n, d, u) = try ModelCLI.trainingJob(params: params, tokens: tokens, mfu: mfu)
        let comparison = try ModelCLI.model { () throws(ModelError) in
            try data.cpuComparison(parameters: n, tokens: d, cpu: cpu, gpu: gpu, mfu: u)
        }
        if options.json { return try ModelCLI.json(comparison) }
        var table = ModelTable(["quantity", "value", "how"], rightAligned: [1])
        for figure in [comparison.flops, comparison.cpuHours.inputs[1], comparison.gpuHours.inputs[1], comparison.cpuHours,
                       comparison.gpuHours, comparison.cpusPerGPU] {
            table.add([figure.label, figure.formatted, figure.formula ?? "\(figure.provenance.source), as of \(figure.provenance.asOf)"])
        }
        let mfuFigure = comparison.cpuHours.inputs[2]
        return "Training \(Format.words(n)) parameters on \(Format.words(d)) tokens, MFU \(mfuFigure.formatted) (\(mfuFigure.provenance.source)) on both\n\n" + table.text
    }
}
