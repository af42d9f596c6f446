import ArgumentParser
import ComputeModel
import Diagnostics
import Foundation

/// `signals model …`: prints the compute model's numbers as text tables or JSON.
struct ModelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Print the compute model's figures as text tables or JSON.",
        subcommands: [ModelCompare.self, ModelPrices.self, ModelTrain.self, ModelInfer.self, ModelOwn.self, ModelCPU.self, ModelFormulas.self]
    )
}

/// Options every `model` subcommand takes.
struct ModelOptions: ParsableArguments {
    @Option(help: "Folder holding accelerators.yaml, prices.csv and assumptions.yaml.")
    var data: String = "content/data"

    @Flag(help: "Print JSON instead of text tables.")
    var json = false

    @Option(name: .customLong("as-of"), help: "Build date YYYY-MM-DD (default: today, UTC). Prices after it are errors.")
    var asOf: String?

    /// The build date: `--as-of` or today.
    func today() throws -> Day {
        guard let asOf else { return Day(Date()) }
        guard let day = Day(asOf) else { throw ModelCLIError("--as-of '\(asOf)' is not a date (write YYYY-MM-DD)") }
        return day
    }

    /// Loads the data folder, turning every problem into one error message.
    func load() throws -> ComputeData {
        let today = try today()
        do {
            return try ComputeData.load(from: URL(fileURLWithPath: data), today: today.date, displayPrefix: data)
        } catch {
            let count = error.errors.count
            throw ModelCLIError("\(count) problem\(count == 1 ? "" : "s") in the data files:\n\(error.description)")
        }
    }
}

/// A command-line error: printed as `Error: <message>` by ArgumentParser, exit status 1.
struct ModelCLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// Helpers shared by the `model` subcommands.
enum ModelCLI {
    /// A number from a flag: `405e9`, `15.6e12`, `0.40`, `2.99`. Anything else is an error naming the flag.
    static func number(_ text: String?, flag: String, positive: Bool = true) throws -> Double? {
        guard let text else { return nil }
        let cleaned = text.replacingOccurrences(of: "_", with: "")
        guard let value = Double(cleaned), value.isFinite else {
            throw ModelCLIError("\(flag) '\(text)' is not a number (examples: 405e9, 0.40, 2.99)")
        }
        if positive && value <= 0 { throw ModelCLIError("\(flag) must be greater than 0, not \(text)") }
        return value
    }

    /// A required number.
    static func required(_ text: String?, flag: String) throws -> Double {
        guard let value = try number(text, flag: flag) else { throw ModelCLIError("missing \(flag)") }
        return value
    }

    /// `--params`, `--tokens` and the optional `--mfu` (a fraction) of a training job.
    static func trainingJob(params: String?, tokens: String?, mfu: String?) throws -> (parameters: Double, tokens: Double, mfu: Double?) {
        let n = try required(params, flag: "--params")
        let d = try required(tokens, flag: "--tokens")
        let u = try number(mfu, flag: "--mfu")
        if let u, u > 1 { throw ModelCLIError("--mfu must be a fraction between 0 and 1 (e.g. 0.40), not \(mfu ?? "")") }
        return (n, d, u)
    }

    /// A whole number from a flag.
    static func integer(_ text: String?, flag: String) throws -> Int? {
        guard let value = try number(text, flag: flag) else { return nil }
        guard value == value.rounded(), value < Double(Int.max) else { throw ModelCLIError("\(flag) must be a whole number, not \(text ?? "")") }
        return Int(value)
    }

    /// A precision name (bf16, fp8, …).
    static func precision(_ text: String?) throws -> Precision? {
        guard let text else { return nil }
        if let precision = Precision(rawValue: text.lowercased()) { return precision }
        throw ModelCLIError(ModelError.unknownName(kind: "precision", name: text, known: Precision.allCases.map(\.rawValue)).description)
    }

    /// Runs a model call, turning its errors into command-line errors.
    static func model<T>(_ body: () throws(ModelError) -> T) throws -> T {
        do { return try body() } catch { throw ModelCLIError(error.description) }
    }

    /// Pretty, key-sorted JSON.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Where a sourced figure comes from, briefly: "R-STAS, 2026-08-22 (S)" (or "given" for an input).
    static func source(_ figure: Figure) -> String {
        let p = figure.provenance
        if p.source == "input" || p.source.hasPrefix("set by") { return p.source == "input" ? "given" : p.source }
        return "\(p.source), \(p.asOf) (\(p.confidence.rawValue))"
    }

    /// One line describing where a figure comes from: "R-STAS, read 2026-08-22 (S)" or its formula.
    static func provenance(_ figure: Figure) -> String {
        if let formula = figure.formula { return formula }
        let p = figure.provenance
        var text = "\(p.source), \(p.asOf) (\(p.confidence.rawValue))"
        if let note = p.note { text += "; \(note)" }
        return text
    }
}
