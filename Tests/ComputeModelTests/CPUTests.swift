import ComputeModel
import Diagnostics
import Testing

/// CPUs from cpus.yaml: derived peaks checked by hand, the CPU-vs-GPU job, and bad entries.
@Suite("CPUs")
struct CPUTests {
    @Test("Xeon 8480+: 56 cores × 2.0 GHz × 1,024 BF16 FLOPs/cycle = 114.688 TFLOPS; 8 × 4,800 MT/s × 8 B = 0.3072 TB/s")
    func derivedPeakAndBandwidth() throws {
        let cpu = try Fixtures.frozenData().cpu(id: "xeon-8480")
        #expect(cpu.peakBF16.value == 114.688)
        #expect(cpu.peakBF16.formula == "cores × base clock (GHz) × BF16 FLOPs per cycle per core ÷ 1,000")
        #expect(cpu.peakBF16.inputs.map(\.provenance.source) == ["R-INTEL-ARK-8480", "R-INTEL-ARK-8480", "R-INTEL-AMX"])
        #expect(abs(try #require(cpu.bandwidth.value) - 0.3072) < 1e-12)
        let perByte = try Fixtures.frozenData().figure(metric: "flops-per-byte", for: cpu)
        #expect(perByte.formatted == "373 FLOPs/byte") // 114.688 ÷ 0.3072 = 373.33
    }

    @Test("FLOPs per byte: H100 989 ÷ 3.35 ≈ 295, A100 312 ÷ 2.039 ≈ 153 (the fact sheet's figures)")
    func gpuFlopsPerByte() throws {
        let data = try Fixtures.frozenData()
        #expect(try data.figure(metric: "flops-per-byte", for: data.accelerator(id: "h100-sxm")).formatted == "295 FLOPs/byte")
        #expect(try data.figure(metric: "flops-per-byte", for: data.accelerator(id: "a100-sxm")).formatted == "153 FLOPs/byte")
        #expect(try data.figure(metric: "cores", for: data.accelerator(id: "h100-sxm")).value == 16_896)
        #expect(try data.figure(metric: "sms", for: data.accelerator(id: "h100-sxm")).value == 132)
        if case .notAvailable(let reason) = try data.figure(metric: "sms", for: data.accelerator(id: "b200")).quantity {
            #expect(reason == "not gathered")
        } else {
            Issue.record("B200 has no sourced SM count, so it must not show one")
        }
    }

    @Test("7B parameters × 140B tokens at 40% MFU: 35,604 Xeon-hours vs 4,129 H100-hours, 8.62 CPUs per GPU")
    func trainingJobOnEach() throws {
        let comparison = try Fixtures.frozenData().cpuComparison(parameters: 7e9, tokens: 140e9, cpu: "xeon-8480", gpu: "h100", mfu: 0.4)
        #expect(comparison.flops.value == 5.88e21)
        // 5.88e21 ÷ (114.688e12 × 0.4) ÷ 3,600 = 35,603.84; ÷ (989e12 × 0.4) ÷ 3,600 = 4,128.75.
        #expect(abs(try #require(comparison.cpuHours.value) - 35_603.84) < 0.01)
        #expect(abs(try #require(comparison.gpuHours.value) - 4_128.75) < 0.01)
        #expect(comparison.cpusPerGPU.formatted == "8.62×") // 989 ÷ 114.688
        #expect(comparison.cpuHours.unit == .cpuHours)
    }

    @Test("an unknown CPU names the closest id")
    func unknownCPU() throws {
        #expect(throws: ModelError.self) { try Fixtures.frozenData().cpu(id: "xeon-8408") }
        do {
            _ = try Fixtures.frozenData().cpu(id: "xeon-8408")
        } catch {
            #expect("\(error)".contains("did you mean 'xeon-8480'"))
        }
    }

    /// One CPU (Tests/Fixtures/small-data/cpus.yaml, shared with the site catalogue and the fuzz targets).
    static let good = Fixtures.smallData("cpus.yaml")

    @Test("bad CPU entries: every problem at once, at its line")
    func badEntries() throws {
        let bad = Self.good
            .replacingOccurrences(of: "cores: 56", with: "cores: fifty-six")
            .replacingOccurrences(of: "source: R-ARK", with: "source: R-ARC")
            .replacingOccurrences(of: "    power-w: 350", with: "    power-watts: 350")
        var found: [String] = []
        do {
            _ = try CPUFile.parse(path: "cpus.yaml", contents: bad, today: Fixtures.today)
        } catch {
            found = error.diagnostics.map(\.description)
        }
        #expect(found.contains("cpus.yaml:9:13: error: unknown source 'R-ARC'\n  hint: did you mean 'R-ARK'?"))
        #expect(found.contains("cpus.yaml:18:5: error: unknown key 'power-watts' in CPU\n  hint: did you mean 'power-w'?"))
        #expect(found.contains { $0.hasPrefix("cpus.yaml:4:5: error: CPU is missing 'power-w'") })
        #expect(found.contains("cpus.yaml:12:12: error: cores of CPU 'xeon-8480' must be a number, n/a or not-gathered, not 'fifty-six'"),
                "a bad source does not hide the entry's other problems")
        #expect(try CPUFile.parse(path: "cpus.yaml", contents: Self.good, today: Fixtures.today).first?.peakBF16.value == 114.688)
    }

    @Test("a CPU may not take an accelerator's name")
    func clashWithAccelerator() throws {
        let clashing = Self.good.replacingOccurrences(of: "id: xeon-8480", with: "id: h100")
        let accelerators = try Fixtures.frozenData().accelerators
        var found: [String] = []
        do {
            _ = try CPUFile.parse(path: "cpus.yaml", contents: clashing, today: Fixtures.today, accelerators: accelerators)
        } catch {
            found = error.diagnostics.map(\.description)
        }
        #expect(found == ["cpus.yaml:4:5: error: CPU id or alias 'h100' is already used by accelerator 'h100-sxm'\n  hint: give the CPU a name of its own"])
    }

    @Test("a bad number in a CPU figure is an error at its line")
    func badNumber() throws {
        let bad = Self.good.replacingOccurrences(of: "cores: 56", with: "cores: fifty-six")
        var found: [String] = []
        do { _ = try CPUFile.parse(path: "cpus.yaml", contents: bad, today: Fixtures.today) } catch { found = error.diagnostics.map(\.description) }
        #expect(found == ["cpus.yaml:12:12: error: cores of CPU 'xeon-8480' must be a number, n/a or not-gathered, not 'fifty-six'"])
    }
}
