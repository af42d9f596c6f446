import ArgumentParser
import ComputeModel
import Foundation

/// `signals model compare h100-sxm h200 b200`: specs and value ratios side by side; CPU ids from cpus.yaml are accepted too.
struct ModelCompare: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "compare", abstract: "Compare accelerators' (and CPUs') dense specs, prices and value ratios.")

    @OptionGroup var options: ModelOptions

    @Argument(help: "Accelerator ids or aliases (e.g. h100-sxm h200 b200), or CPU ids from cpus.yaml (e.g. xeon-8480).")
    var gpus: [String]

    @Option(help: "Comma-separated metrics (default: all). Valid: \(Metric.allCases.map(\.rawValue).joined(separator: ", ")).")
    var metrics: String?

    @Option(help: "Pricing type for the price metrics.")
    var type: String = "on-demand"

    @Option(name: .customLong("price"), help: ArgumentHelp("Your own price per GPU-hour for an accelerator instead of the median, e.g. h100-sxm=2.10 (repeatable); the price rows use it.", valueName: "gpu=usd"))
    var prices: [String] = []

    func run() throws {
        print(try output())
    }

    struct Column: Encodable {
        var gpu: String
        var name: String
        var figures: [String: Figure]
        var missing: [String: String]
    }

    func output() throws -> String {
        guard !gpus.isEmpty else { throw ModelCLIError("name at least one accelerator, e.g. signals model compare h100-sxm b200") }
        let data = try options.load()
        let metricList = try (metrics?.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } ?? Metric.allCases.map(\.rawValue))
            .map { name in try ModelCLI.model { () throws(ModelError) in try Metric.named(name) } }
        let pricing = try ModelPrices.pricingType(type)
        var given: [String: Double] = [:]
        for pair in prices {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Double(parts[1]), value > 0, value.isFinite else {
                throw ModelCLIError("--price takes gpu=usd with a price above 0, e.g. --price h100-sxm=2.10 (not '\(pair)')")
            }
            let id = try ModelCLI.model { () throws(ModelError) in try data.accelerator(id: parts[0]).id }
            given[id] = value
        }
        var columns: [Column] = []
        for id in gpus {
            let processor: Processor
            if let cpu = try? data.cpu(id: id) {
                processor = .cpu(cpu)
            } else {
                processor = .accelerator(try ModelCLI.model { () throws(ModelError) in try data.accelerator(id: id) })
            }
            let stats = PriceStats(observations: data.prices, gpu: processor.id, type: pricing, asOf: data.today)
            var column = Column(gpu: processor.id, name: processor.name, figures: [:], missing: [:])
            for metric in metricList {
                do {
                    var figure = try data.figure(metric: metric.rawValue, for: processor, prices: stats)
                    if metric.needsPrice, case .accelerator(let accelerator) = processor, let price = given[accelerator.id] {
                        let yours = Figure("price per GPU-hour", value: price, .usdPerGPUHour, provenance: .input(asOf: data.today))
                        figure = try ComputeData.figure(metric: metric, for: accelerator, price: yours)
                    }
                    if case .notAvailable(let reason) = figure.quantity, case .cpu = processor {
                        column.missing[metric.rawValue] = reason
                        continue
                    }
                    column.figures[metric.rawValue] = figure
                } catch {
                    column.missing[metric.rawValue] = error.description
                }
            }
            columns.append(column)
        }
        if options.json {
            struct Output: Encodable { var asOf: Day; var pricingType: String; var metrics: [String]; var accelerators: [Column] }
            return try ModelCLI.json(Output(asOf: data.today, pricingType: pricing.rawValue, metrics: metricList.map(\.rawValue), accelerators: columns))
        }
        var table = ModelTable(["metric"] + columns.map(\.gpu), rightAligned: Set(1...columns.count))
        for metric in metricList {
            table.add([metric.rawValue] + columns.map { column in
                guard let figure = column.figures[metric.rawValue] else { return "—" }
                return Self.cell(figure, metric: metric)
            })
        }
        var notes = ["Peak figures are dense (no 2:4 sparsity). Prices: median \(pricing.rawValue) USD per GPU-hour across providers' latest observations, as of \(data.today)."]
        for (id, price) in given.sorted(by: { $0.key < $1.key }) where columns.contains(where: { $0.gpu == id }) {
            notes.append("\(id): your price, $\(Format.grouped(price, maxFractionDigits: 4)) per GPU-hour (given, not sourced), replaces the median.")
        }
        for column in columns {
            for (metric, reason) in column.missing.sorted(by: { $0.key < $1.key }) where reason.hasPrefix("no ") {
                notes.append("\(column.gpu) \(metric): \(reason)")
            }
            for (metric, figure) in column.figures.sorted(by: { $0.key < $1.key }) where figure.provenance.confidence == .unverified {
                notes.append("\(column.gpu) \(metric) is UNVERIFIED: \(figure.provenance.note ?? "not read in a source")")
            }
        }
        return table.text + "\n\n" + notes.joined(separator: "\n")
    }

    /// A table cell: the number in the metric's unit, without repeating the unit the row name implies.
    static func cell(_ figure: Figure, metric: Metric) -> String {
        guard let value = figure.value else { return figure.formatted }
        let mark = figure.provenance.confidence == .unverified ? "*" : ""
        switch metric {
        case .medianPrice, .usdPerPFLOPHour, .usdPerGBHour, .usdPerTBsHour:
            return (value < 0.1 ? Format.usd(value) : "$" + String(format: "%.2f", value)) + mark
        case .flopsPerByte:
            return figure.formatted + mark
        default:
            return Format.grouped(value, maxFractionDigits: 3) + " " + figure.unit.rawValue + mark
        }
    }
}
