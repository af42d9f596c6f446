import ArgumentParser
import ComputeModel
import Foundation

/// `signals model own --gpu h100-sxm`: capital and energy cost per GPU-hour, and the break-even rental price.
struct ModelOwn: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "own", abstract: "Own vs rent: capital cost per GPU-hour plus energy, and the break-even rental price.")

    @OptionGroup var options: ModelOptions

    @Option(help: "Accelerator id or alias.") var gpu: String
    @Option(name: .customLong("purchase-price"), help: "All-in USD per GPU (default: the purchase-price assumption).") var purchasePrice: String?
    @Option(help: "Depreciation life in years.") var years: String?
    @Option(help: "Share of hours the GPU does paid work, 0–1.") var utilization: String?
    @Option(name: .customLong("electricity-price"), help: "USD per kWh.") var electricityPrice: String?
    @Option(help: "Power usage effectiveness of the data centre.") var pue: String?

    func run() throws {
        print(try output())
    }

    func output() throws -> String {
        var data = try options.load()
        var overrides: [String: Double] = [:]
        for (flag, name, text) in [("--years", "depreciation-years", years), ("--utilization", "utilization", utilization),
                                   ("--electricity-price", "electricity-price", electricityPrice), ("--pue", "pue", pue)] {
            if let value = try ModelCLI.number(text, flag: flag) { overrides[name] = value }
        }
        if let u = overrides["utilization"], u > 1 { throw ModelCLIError("--utilization must be a fraction between 0 and 1, not \(utilization ?? "")") }
        let captured = data
        data = try ModelCLI.model { () throws(ModelError) in try captured.overriding(overrides, by: "command line") }
        let price = try ModelCLI.number(purchasePrice, flag: "--purchase-price")
        let model = data
        let result = try ModelCLI.model { () throws(ModelError) in try model.ownVsRent(gpu: gpu, purchasePrice: price) }
        if options.json { return try ModelCLI.json(result) }
        let accelerator = try ModelCLI.model { () throws(ModelError) in try model.accelerator(id: gpu) }
        var table = ModelTable(["quantity", "value", "how"], rightAligned: [1])
        let capexInputs = result.capexPerGPUHour.inputs
        table.add(["purchase price", capexInputs[0].formatted, ModelCLI.source(capexInputs[0])])
        table.add(["depreciation", "\(Format.grouped(capexInputs[1].value ?? 0)) years", ModelCLI.source(capexInputs[1])])
        table.add(["utilization", capexInputs[2].formatted, ModelCLI.source(capexInputs[2])])
        table.add(["capital cost", result.capexPerGPUHour.formatted, result.capexPerGPUHour.formula ?? ""])
        table.add(["energy", "\(Format.significant(result.energy.kWhPerGPUHour.value ?? 0)) kWh/GPU-hour", result.energy.kWhPerGPUHour.formula ?? ""])
        table.add(["energy cost", result.energy.costPerGPUHour.formatted, result.energy.costPerGPUHour.formula ?? ""])
        table.add(["break-even rent", result.breakEven.formatted, result.breakEven.formula ?? ""])
        if let rental = result.medianRental {
            table.add(["median on-demand rent", rental.formatted, rental.label])
        }
        var text = "Owning one \(accelerator.name) vs renting it\n\n" + table.text
        text += "\n\nRenting below the break-even price is cheaper than owning. The break-even price " + (result.breakEven.provenance.note ?? "") + "."
        return text
    }
}
