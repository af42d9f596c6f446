import ComputeModel
import Testing

@Suite("Price statistics")
struct PriceStatsTests {
    let asOf = Day("2026-11-26")!

    @Test("median of an odd count is the middle price")
    func oddMedian() {
        let stats = PriceStats(observations: [Fixtures.observation("A", 3), Fixtures.observation("B", 1), Fixtures.observation("C", 2)],
                               gpu: "h100-sxm", type: .onDemand, asOf: asOf)
        #expect(stats.median?.value == 2)
        #expect(stats.min?.value == 1)
        #expect(stats.max?.value == 3)
        #expect(stats.count == 3)
        #expect(stats.providers == ["A", "B", "C"])
    }

    @Test("median of an even count is the mean of the two middle prices")
    func evenMedian() {
        let stats = PriceStats(observations: [Fixtures.observation("A", 4), Fixtures.observation("B", 1),
                                              Fixtures.observation("C", 2), Fixtures.observation("D", 3)],
                               gpu: "h100-sxm", type: .onDemand, asOf: asOf)
        #expect(stats.median?.value == 2.5)
        #expect(PriceStats.median([]) == nil)
    }

    @Test("8-GPU instances are normalised to a per-GPU price")
    func perGPU() throws {
        let rows = [Fixtures.priceRow(gpus: "8", price: "98.32")]
        #expect(try Fixtures.priceProblems(rows).isEmpty)
        let observation = Fixtures.observation("AWS", 12.29, gpus: 8)
        #expect(observation.usdPerInstanceHour == 12.29 * 8)
        #expect(abs(observation.usdPerGPUHour - 12.29) < 1e-12)
        #expect(observation.perGPUPrice.formula == "instance price ÷ GPUs per instance")
        #expect(observation.perGPUPrice.inputs.map(\.value) == [12.29 * 8, 8])
    }

    @Test("each provider counts once, with its latest observation; history keeps everything")
    func latestPerProvider() {
        let observations = [
            Fixtures.observation("A", 5, date: "2026-01-10"),
            Fixtures.observation("A", 4, date: "2026-09-01"),
            Fixtures.observation("A", 4.5, gpus: 8, date: "2026-09-01"),
            Fixtures.observation("B", 2, date: "2026-10-01"),
            Fixtures.observation("C", 9, date: "2024-01-01"),   // outside the 365-day window
            Fixtures.observation("D", 1, date: "2026-12-01"),   // after asOf
            Fixtures.observation("E", 1, type: .spot),
        ]
        let stats = PriceStats(observations: observations, gpu: "h100-sxm", type: .onDemand, asOf: asOf)
        #expect(stats.providers == ["A", "B"])
        #expect(stats.latestByProvider.map(\.usdPerGPUHour) == [2, 4])
        #expect(stats.history.count == 5)
        #expect(stats.newest == Day("2026-10-01"))
        #expect(stats.ageDays == 56)
    }

    @Test("statistics do not depend on row order")
    func orderIndependent() {
        var observations: [PriceObservation] = []
        for index in 0..<30 {
            let day = String(format: "2026-%02d-%02d", 1 + index % 11, 1 + index % 27)
            observations.append(Fixtures.observation("P\(index % 7)", Double(1 + (index * 37) % 23) / 4, gpus: [1, 8][index % 2],
                                                     date: day, offer: "offer \(index % 3)"))
        }
        let reference = PriceStats(observations: observations, gpu: "h100-sxm", type: .onDemand, asOf: asOf)
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<20 {
            let shuffled = observations.shuffled(using: &generator)
            #expect(PriceStats(observations: shuffled, gpu: "h100-sxm", type: .onDemand, asOf: asOf) == reference)
        }
    }

    @Test("inline statistics by name, with a clear error for an unknown one")
    func namedStatistics() throws {
        let stats = PriceStats(observations: [Fixtures.observation("A", 3), Fixtures.observation("B", 1)],
                               gpu: "h100-sxm", type: .onDemand, asOf: asOf)
        #expect(try stats.statistic("count").value == 2)
        #expect(try stats.statistic("providers").formatted == "A, B")
        #expect(try stats.statistic("median").formatted == "$2.00/GPU-hour")
        do {
            _ = try stats.statistic("mean")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("median"))
        }
    }
}

/// A small deterministic generator (SplitMix64) so shuffles are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
