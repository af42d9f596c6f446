import ArgumentParser
import ComputeModel
import Foundation

/// `signals model prices h100-sxm`: each provider's latest price with its date and source, and the statistics.
struct ModelPrices: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "prices", abstract: "List an accelerator's prices by provider, with dates and sources.")

    @OptionGroup var options: ModelOptions

    @Argument(help: "Accelerator id or alias.")
    var gpu: String

    @Option(help: "Pricing type: \(PricingType.allCases.map(\.rawValue).joined(separator: ", ")) or all.")
    var type: String = "all"

    @Option(help: "Only count each provider's latest observation if it is at most this many days old.")
    var window: String = "365"

    @Flag(help: "Also list every observation over time.")
    var history = false

    func run() throws {
        print(try output())
    }

    static func pricingType(_ text: String) throws -> PricingType {
        if let type = PricingType(rawValue: text) { return type }
        throw ModelCLIError(ModelError.unknownName(kind: "pricing type", name: text, known: PricingType.allCases.map(\.rawValue)).description)
    }

    func output() throws -> String {
        let data = try options.load()
        let accelerator = try ModelCLI.model { () throws(ModelError) in try data.accelerator(id: gpu) }
        let types = type == "all" ? PricingType.allCases : [try Self.pricingType(type)]
        guard let windowDays = try ModelCLI.integer(window, flag: "--window") else { throw ModelCLIError("missing --window") }
        let stats = types.map { PriceStats(observations: data.prices, gpu: accelerator.id, type: $0, asOf: data.today, windowDays: windowDays) }
            .filter { !$0.history.isEmpty }
        if options.json {
            struct Output: Encodable { var gpu: String; var name: String; var asOf: Day; var types: [PriceStats] }
            return try ModelCLI.json(Output(gpu: accelerator.id, name: accelerator.name, asOf: data.today, types: stats))
        }
        guard !stats.isEmpty else {
            return "No \(type == "all" ? "" : type + " ")prices for \(accelerator.id) (\(accelerator.name)) up to \(data.today)."
        }
        var sections: [String] = ["\(accelerator.name) (\(accelerator.id)): prices in USD, as of \(data.today). Per-GPU price = instance price ÷ GPUs."]
        for stat in stats {
            var lines = ["", "\(stat.type.rawValue)"]
            if let median = stat.median?.value, let low = stat.min?.value, let high = stat.max?.value, let newest = stat.newest, let age = stat.ageDays {
                lines.append("  median \(Format.usd(median)), min \(Format.usd(low)), max \(Format.usd(high)) per GPU-hour across \(stat.count) provider\(stat.count == 1 ? "" : "s"); newest observation \(newest) (\(age) days old)")
            } else {
                lines.append("  no observation in the \(stat.windowDays) days up to \(stat.asOf); \(stat.history.count) older observation\(stat.history.count == 1 ? "" : "s") below")
            }
            let rows = history || stat.latestByProvider.isEmpty ? stat.history : stat.latestByProvider
            var table = ModelTable(["provider", "offer", "GPUs", "$/instance-hr", "$/GPU-hr", "date", "region", "source", "url"], rightAligned: [2, 3, 4])
            for observation in rows {
                table.add([observation.provider, observation.offer, "\(observation.gpus)",
                           String(format: "%.2f", observation.usdPerInstanceHour), String(format: "%.2f", observation.usdPerGPUHour),
                           observation.date.description, observation.region.isEmpty ? "—" : observation.region,
                           "\(observation.source) (\(observation.confidence.rawValue))", observation.sourceURL])
            }
            lines.append(table.text.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            sections.append(lines.joined(separator: "\n"))
        }
        return sections.joined(separator: "\n")
    }
}
