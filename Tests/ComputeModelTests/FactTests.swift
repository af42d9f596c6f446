import ComputeModel
import Diagnostics
import Testing

/// facts.yaml: market facts with sources and dates, read like assumptions.
@Suite("Facts")
struct FactTests {
    @Test("the real facts load, each sourced and dated, shares shown as percentages")
    func realFacts() throws {
        let data = try Fixtures.frozenData()
        let share = try data.fact("hbm-share-sk-hynix-q2-2025").figure
        #expect(share.formatted == "62%")
        #expect(share.provenance.source == "R-HBM-SHARE")
        #expect(share.provenance.asOf.description == "2025-09-24")
        #expect(try data.fact("nvidia-datacenter-revenue-fy2025").figure.formatted == "$115 billion")
        #expect(try data.fact("llama3-cluster-gpus").figure.formatted == "24,576 GPUs")
        #expect(throws: ModelError.self) { try data.fact("hbm-share-sk-hynx-q2-2025") }
    }

    @Test("bad entries: unknown source, missing date, a name with capitals, a value that is not a number")
    func badEntries() {
        let yaml = """
        sources:
          R-X: {title: X}
        facts:
          good-fact: {value: 0.5, unit: fraction, label: a share, source: R-X, date: 2025-01-01, confidence: S}
          bad-source: {value: 0.5, unit: fraction, label: a share, source: R-Y, date: 2025-01-01, confidence: S}
          no-date: {value: 0.5, unit: fraction, label: a share, source: R-X, confidence: S}
          Bad-Name: {value: 0.5, unit: fraction, label: a share, source: R-X, date: 2025-01-01, confidence: S}
          not-a-number: {value: lots, unit: fraction, label: a share, source: R-X, date: 2025-01-01, confidence: S}
        """
        var found: [String] = []
        do { _ = try FactFile.parse(path: "facts.yaml", contents: yaml, today: Fixtures.today) } catch { found = error.diagnostics.map(\.description) }
        #expect(found.contains("facts.yaml:5:68: error: unknown source 'R-Y'\n  hint: did you mean 'R-X'?"))
        #expect(found.contains { $0.hasPrefix("facts.yaml:6:12: error: fact 'no-date' is missing 'date'") })
        #expect(found.contains("facts.yaml:7:3: error: fact name 'Bad-Name' must be lowercase letters, digits and '-'"))
        #expect(found.contains("facts.yaml:8:25: error: value of 'not-a-number' must be a number, not 'lots'"))
        #expect(found.count == 4)
    }
}
