import ComputeModel
import Foundation
import Testing

/// The live worked examples' expressions restate the model's hand-written functions; the page's script runs the
/// expressions, so the two must agree on every input (the browser side is checked by `make browser-check`).
@Suite("Live formulas")
struct LiveFormulaTests {
    /// `SIGNALS_SEED`, or a random seed (printed with every failure).
    static let seed = ProcessInfo.processInfo.environment["SIGNALS_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...UInt64(UInt32.max))

    @Test("Each expression parses and reads exactly its declared variables")
    func definitions() throws {
        for formula in LiveFormula.all {
            #expect(formula.expression != .constant(.nan), "\(formula.id): '\(formula.text)' does not parse")
            #expect(Set(formula.expression.inputNames) == Set(formula.variables.map(\.name)), "\(formula.id)")
        }
    }

    @Test("1,000 seeded random inputs per formula: the expression equals the model's function")
    func expressionsMatchTheModel() throws {
        var generator = SplitMix64(seed: Self.seed)
        var worst = 0.0
        var count = 0
        for formula in LiveFormula.all {
            for _ in 0..<1_000 {
                let inputs = formula.randomInputs(using: &generator)
                let model = try formula.reference(inputs)
                let expression = try formula.expression.evaluate(inputs)
                let error = abs(expression - model) / max(abs(model), .leastNormalMagnitude)
                worst = max(worst, error)
                count += 1
                #expect(error <= 1e-12, "SIGNALS_SEED=\(Self.seed): \(formula.id) at \(inputs): expression \(expression), model \(model)")
            }
        }
        #expect(count == LiveFormula.all.count * 1_000)
        #expect(worst <= 1e-12, "SIGNALS_SEED=\(Self.seed): worst relative error \(worst)")
    }

    @Test("Precedence, associativity, parentheses and errors")
    func parser() throws {
        #expect(try Expression("2 + 3 * 4").evaluate([:]) == 14)
        #expect(try Expression("(2 + 3) * 4").evaluate([:]) == 20)
        #expect(try Expression("100 / 10 / 5").evaluate([:]) == 2)
        #expect(try Expression("10 - 4 - 3").evaluate([:]) == 3)
        #expect(try Expression("sqrt(x * 4)").evaluate(["x": 4]) == 4)
        #expect(try Expression("a * 1e12").json == "[\"*\",[\"in\",\"a\"],[\"k\",1000000000000]]")
        #expect(throws: ModelError.self) { try Expression("2 +") }
        #expect(throws: ModelError.self) { try Expression("(2") }
        #expect(throws: ModelError.self) { try Expression("x").evaluate([:]) }
        do {
            _ = try Expression("2 * * 3")
            Issue.record("'2 * * 3' parsed")
        } catch {
            #expect(error.description.contains("at character"))
        }
    }

    @Test("Derived values: three significant figures unless exact")
    func derivedFormatting() {
        #expect(Format.derived(412_874.96, unit: .gpuHours) == "413,000 GPU-hours")
        #expect(Format.derived(384, unit: .gpuHours) == "384 GPU-hours")
        #expect(Format.derived(11_680, unit: .gpuHours) == "11,680 GPU-hours")
        #expect(Format.derived(2502.72, unit: .usd) == "$2,500")
        #expect(Format.derived(806.4, unit: .usd) == "$806")
        #expect(Format.derived(12.345, unit: .usd) == "$12.3")
        #expect(Format.derived(6.5175, unit: .usdPerGPUHour) == "$6.52/GPU-hour")
        #expect(Format.derived(0.085649, unit: .usdPerGPUHour) == "$0.0856/GPU-hour")
        #expect(Format.derived(61_680_000, unit: .usd) == "$61.7 million")
        #expect(Format.derived(3.7908e25, unit: .flops) == "3.79e25 FLOPs")
        #expect(Format.derived(26_609_000.4, unit: .gpuHours) == "26.6 million GPU-hours")
        #expect(Format.derived(0.30749, unit: .usdPerMillionTokens) == "$0.307 per 1M tokens")
    }

    @Test("Decimal exponents agree with the power-of-ten table at every boundary")
    func magnitudes() {
        for n in -20...25 {
            let p = Format.power10(n)
            #expect(Format.magnitude(p) == n, "10^\(n)")
            #expect(Format.magnitude(p.nextDown) == n - 1, "just below 10^\(n)")
            #expect(Format.magnitude(p * 5) == n, "5 × 10^\(n)")
        }
        #expect(Format.roundedSignificant(0.085649) == 0.0856)
        #expect(Format.roundedSignificant(412_874.96) == 413_000)
    }

    @Test("Per-unit compare rows: the expression of each row, fed the spec it names, gives every accelerator's figure")
    func perUnitRows() throws {
        let data = try Fixtures.frozenData()
        var checked = 0
        for metric in Metric.allCases {
            guard let (formula, spec) = LiveFormula.perUnit(metric) else {
                #expect(![.usdPerPFLOPHour, .usdPerGBHour, .usdPerTBsHour].contains(metric), "\(metric) has no live formula")
                continue
            }
            #expect(formula.variables.map(\.name).first == "price")
            for accelerator in data.accelerators {
                guard let stats = try? data.priceStats(gpu: accelerator.id), let price = stats.median?.value,
                      let model = try? data.figure(metric: metric.rawValue, for: accelerator, prices: stats).value,
                      let specValue = try data.figure(metric: spec.rawValue, for: accelerator).value else { continue }
                let name = try #require(formula.variables.last?.name)
                let value = try formula.expression.evaluate(["price": price, name: specValue])
                #expect(abs(value - model) <= 1e-12 * abs(model), "\(metric) of \(accelerator.id): \(value) vs \(model)")
                // The model figure's inputs are the price and the spec, in the formula's variable order.
                let inputs = try data.figure(metric: metric.rawValue, for: accelerator, prices: stats).inputs.compactMap(\.value)
                #expect(inputs == [price, specValue], "\(metric) of \(accelerator.id)")
                checked += 1
            }
        }
        #expect(checked >= 9, "at least three accelerators with a price, for each of the three rows")
    }

    @Test("A table cell is written as the compare table writes it")
    func cellFormatting() {
        #expect(Format.cell(2.99, unit: .usdPerGPUHour) == "$2.99")
        #expect(Format.cell(0.0262, unit: .usdPerGBHour) == "$0.03")
        #expect(Format.cell(0.00262, unit: .usdPerGBHour) == "$0.0026")
        #expect(Format.cell(1234.6, unit: .usdPerPFLOPHour) == "$1,235")
        #expect(Format.cell(1234.5, unit: .usdPerPFLOPHour) == "$1,234", "printf rounds a tie to even")
        #expect(Format.cell(295.2, unit: .flopsPerByte) == "295")
        #expect(Format.cell(3.3512, unit: .terabytesPerSecond) == "3.351")
    }

    @Test("Agreement cases carry the model's value and both texts")
    func agreementCases() throws {
        let cases = try AgreementCases.make(count: 3, seed: 7)
        #expect(cases.formulas.count == LiveFormula.all.count)
        for formula in cases.formulas {
            #expect(formula.vectors.count == 3)
            let live = try LiveFormula.named(formula.id)
            for vector in formula.vectors {
                #expect(try live.reference(vector.inputs) == vector.value)
                #expect(vector.derived == Format.derived(vector.value, unit: live.unit))
                #expect(vector.cell == Format.cell(vector.value, unit: live.unit))
            }
        }
        #expect(cases.formats.contains { $0.value == 0.125 })
    }
}
