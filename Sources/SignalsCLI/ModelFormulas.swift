import ArgumentParser
import ComputeModel
import Foundation

/// `signals model formulas`: the formulas behind the live worked examples, and (`--vectors N`) seeded random cases
/// with the model's values and texts, which `make browser-check` replays in the page's calculator.
struct ModelFormulas: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formulas",
        abstract: "List the live worked examples' formulas; with --vectors N, print N seeded cases per formula as JSON.")

    @Option(help: "Random input vectors per formula (prints JSON).")
    var vectors: Int?

    @Option(help: "Seed of the random inputs (default: random, printed in the JSON).")
    var seed: UInt64?

    func run() throws {
        guard let count = vectors else {
            for formula in LiveFormula.all {
                print("\(formula.id.padding(toLength: 26, withPad: " ", startingAt: 0)) \(formula.text)  [\(formula.unit.rawValue)]")
            }
            return
        }
        guard count > 0 else { throw ModelCLIError("--vectors must be greater than 0") }
        let cases = try AgreementCases.make(count: count, seed: seed ?? UInt64.random(in: 1...UInt64(UInt32.max)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(cases)
        FileHandle.standardOutput.write(data)
        print("")
    }
}
