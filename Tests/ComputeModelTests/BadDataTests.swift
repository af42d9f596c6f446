import ComputeModel
import Diagnostics
import Testing

/// One test per kind of bad data: each names the file, line and column, and nothing is dropped silently.
@Suite("Bad data")
struct BadDataTests {
    /// The printed diagnostics for price rows (row 1 is on line 2).
    func problems(_ rows: [String]) throws -> [String] {
        try Fixtures.priceProblems(rows).map(\.description)
    }

    @Test("a valid row has no problems")
    func valid() throws {
        #expect(try problems([Fixtures.priceRow()]).isEmpty)
    }

    @Test("unknown accelerator id, with the closest id")
    func unknownAccelerator() throws {
        #expect(try problems([Fixtures.priceRow(gpu: "h100-sx")]) ==
                ["prices.csv:2:31: error: unknown accelerator id 'h100-sx'\n  hint: did you mean 'h100-sxm'?"])
    }

    @Test("price that is not a number")
    func priceNotANumber() throws {
        #expect(try problems([Fixtures.priceRow(price: "$31.92")]).first?.hasPrefix("prices.csv:2:42: error: price '$31.92' is not a number") == true)
    }

    @Test("price of zero or less")
    func priceNotPositive() throws {
        #expect(try problems([Fixtures.priceRow(price: "0")]) == ["prices.csv:2:42: error: price must be greater than 0, not 0"])
        #expect(try problems([Fixtures.priceRow(price: "-3")]) == ["prices.csv:2:42: error: price must be greater than 0, not -3"])
    }

    @Test("unparsable date")
    func badDate() throws {
        #expect(try problems([Fixtures.priceRow(date: "2026-13-01")]) ==
                ["prices.csv:2:1: error: date '2026-13-01' is not a date\n  hint: write dates as YYYY-MM-DD"])
        #expect(try problems([Fixtures.priceRow(date: "20/09/2026")]).count == 1)
    }

    @Test("date after the build date")
    func futureDate() throws {
        #expect(try problems([Fixtures.priceRow(date: "2026-12-01")]) ==
                ["prices.csv:2:1: error: date 2026-12-01 is after the build date 2026-11-26"])
    }

    @Test("missing source")
    func missingSource() throws {
        let found = try problems([Fixtures.priceRow(url: ""), Fixtures.priceRow(offer: "1x", source: "")])
        #expect(found.count == 2)
        #expect(found[0].hasPrefix("prices.csv:2:") && found[0].contains("missing source: 'source_url' is empty"))
        #expect(found[1].hasPrefix("prices.csv:3:") && found[1].contains("missing source: 'source' is empty"))
    }

    @Test("GPUs per instance of zero or less")
    func badGPUCount() throws {
        #expect(try problems([Fixtures.priceRow(gpus: "0")]) ==
                ["prices.csv:2:40: error: GPUs per instance must be a whole number greater than 0, not '0'"])
        #expect(try problems([Fixtures.priceRow(gpus: "eight")]).count == 1)
    }

    @Test("duplicate observation (same date, provider, offer, gpu, type and region)")
    func duplicate() throws {
        let found = try problems([Fixtures.priceRow(), Fixtures.priceRow(price: "30.00")])
        #expect(found == ["prices.csv:3:1: error: duplicate observation: line 2 has the same date, provider, offer, gpu, type and region\n  hint: remove one row, or tell them apart (e.g. by region)"])
        #expect(try problems([Fixtures.priceRow(), Fixtures.priceRow(region: "us-east-1")]).isEmpty)
    }

    @Test("unknown pricing type, with the closest type")
    func unknownType() throws {
        #expect(try problems([Fixtures.priceRow(type: "ondemand")]) ==
                ["prices.csv:2:48: error: unknown pricing type 'ondemand'\n  hint: did you mean 'on-demand'?"])
    }

    @Test("a sparse figure where a dense one is required")
    func sparseAsDense() throws {
        let marked = Fixtures.acceleratorsYAML.replacingOccurrences(
            of: "bf16: 989, fp8: 1979", with: "bf16: {value: 1979, sparse: true}, fp8: 1979")
        let problems = diagnostics { _ = try AcceleratorFile.parse(path: "accelerators.yaml", contents: marked, today: Fixtures.today) }
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("accelerators.yaml:20:") == true)
        #expect(problems.first?.contains("is marked as a sparse figure, but a dense one is required") == true)

        let doubled = Fixtures.acceleratorsYAML.replacingOccurrences(of: "bf16: 989,", with: "bf16: 1979,")
        let found = diagnostics { _ = try AcceleratorFile.parse(path: "accelerators.yaml", contents: doubled, today: Fixtures.today) }
        #expect(found.count == 1)
        #expect(found.first?.contains("dense BF16/FP16 figure 1,979 of accelerator 'h100-sxm' is not below its sparse figure 1,979") == true)
    }

    @Test("a corrupted prices file reports every error, each with its line")
    func everyErrorAtOnce() throws {
        let rows = [
            Fixtures.priceRow(),
            Fixtures.priceRow(date: "2026-02-30", offer: "a"),
            Fixtures.priceRow(offer: "b", gpu: "h1OO"),
            "",
            Fixtures.priceRow(offer: "c", gpus: "-8", price: "abc", type: "weekly"),
            Fixtures.priceRow(offer: "\"d, quoted\"", url: ""),
        ]
        let found = try problems(rows)
        let lines = found.map { $0.split(separator: ":")[1] }
        #expect(lines == ["3", "4", "6", "6", "6", "7"])
        #expect(found.count == 6)
    }

    @Test("YAML problems point at the key's line and column, all at once")
    func yamlLocations() {
        let broken = Fixtures.acceleratorsYAML
            .replacingOccurrences(of: "    memory-gb: 80", with: "    memory-gbs: 80")
            .replacingOccurrences(of: "    read: 2026-08-22", with: "    read: 2027-01-01")
            .replacingOccurrences(of: "    source: R-STAS", with: "    source: R-STAZ")
        let found = diagnostics { _ = try AcceleratorFile.parse(path: "accelerators.yaml", contents: broken, today: Fixtures.today) }
        #expect(found.contains("accelerators.yaml:14:5: error: unknown key 'memory-gbs' in accelerator\n  hint: did you mean 'memory-gb'?"))
        #expect(found.contains { $0.hasPrefix("accelerators.yaml:4:5: error: accelerator is missing 'memory-gb'") })
        #expect(found.contains("accelerators.yaml:11:13: error: unknown source 'R-STAZ'\n  hint: did you mean 'R-STAS'?"))
        #expect(found.contains { $0.hasPrefix("accelerators.yaml:12:11: error: read date 2027-01-01 is after the build date") })
    }

    @Test("assumptions: unknown names and missing required ones")
    func assumptions() throws {
        let yaml = """
        sources:
          X: {title: "x"}
        assumptions:
          mfuu: {value: 0.4, unit: fraction, label: MFU, source: X, date: 2026-01-01, confidence: D}
          purchase-price.h100-sx: {value: 30000, unit: USD, label: p, source: X, date: 2026-01-01, confidence: S}
        """
        let found = diagnostics { _ = try AssumptionFile.parse(path: "assumptions.yaml", contents: yaml, today: Fixtures.today,
                                                           accelerators: Fixtures.accelerators()) }
        #expect(found.contains("assumptions.yaml:4:3: error: unknown assumption 'mfuu'\n  hint: did you mean 'mfu'?"))
        #expect(found.contains("assumptions.yaml:5:3: error: unknown accelerator id 'h100-sx' in 'purchase-price.h100-sx'\n  hint: did you mean 'purchase-price.h100-sxm'?"))
        #expect(found.contains { $0.contains("assumption 'pue' is missing") })
    }

    @Test("caller overrides must name a real assumption")
    func overrides() throws {
        let data = try Fixtures.frozenData()
        #expect(try data.overriding(["mfu": 0.5]).assumptions.figure("mfu").value == 0.5)
        #expect(throws: ModelError.self) { try data.overriding(["mfuu": 0.5]) }
    }

    /// The printed diagnostics thrown by `body`, or [] when it succeeds.
    func diagnostics(_ body: () throws -> Void) -> [String] {
        do {
            try body()
            return []
        } catch let list as DiagnosticList {
            return list.diagnostics.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }
}

@Suite("Bad YAML")
struct BadYAMLTests {
    @Test("a duplicate key and a syntax error are reported with their line")
    func syntax() {
        let duplicate = Fixtures.acceleratorsYAML.replacingOccurrences(of: "    vendor: NVIDIA", with: "    vendor: NVIDIA\n    vendor: AMD")
        let bad = Fixtures.acceleratorsYAML.replacingOccurrences(of: "    vendor: NVIDIA", with: "    vendor: [NVIDIA")
        for (text, what) in [(duplicate, "duplicate key 'vendor'"), (bad, "invalid YAML: ")] {
            do {
                _ = try AcceleratorFile.parse(path: "accelerators.yaml", contents: text, today: Fixtures.today)
                Issue.record("expected an error for \(what)")
            } catch {
                #expect(error.diagnostics.count == 1)
                #expect(error.diagnostics.first?.message.contains(what) == true)
                #expect((error.diagnostics.first?.location.line ?? 0) >= 7)
            }
        }
        // The duplicate is reported at its second occurrence, the line to delete (as for front matter).
        let secondVendor = duplicate.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "    vendor: AMD" }.map { $0 + 1 }
        do {
            _ = try AcceleratorFile.parse(path: "accelerators.yaml", contents: duplicate, today: Fixtures.today)
        } catch {
            #expect(error.diagnostics.first?.location.line == secondVendor)
        }
    }
}
