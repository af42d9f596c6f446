import ComputeModel
import Testing

/// Hand-checked values from the issue and the fact sheet.
@Suite("Formulas")
struct FormulaTests {
    @Test("Llama 3 405B: 6 × 405e9 × 15.6e12 = 3.79e25 FLOPs ≈ 26.6 million H100-hours at 40% MFU")
    func llamaTraining() throws {
        let data = try Fixtures.frozenData()
        let estimate = try data.training(parameters: 405e9, tokens: 15.6e12, gpu: "h100-sxm", mfu: 0.40, price: 2.0, gpus: 16_384)
        #expect(Format.scientific(try #require(estimate.flops.value)) == "3.79e25")
        let hours = try #require(estimate.gpuHours.value)
        #expect(abs(hours - 2.6609e7) / 2.6609e7 < 0.001)
        #expect(Format.words(hours) == "26.6 million")
        #expect(abs(try #require(estimate.cost?.value) - 2 * hours) < 1)
        #expect(abs(try #require(estimate.wallClockDays?.value) - hours / 16_384 / 24) < 1e-6)
        #expect(estimate.computeOptimalTokens.value == 405e9 * 20)
        #expect(estimate.gpuHours.formula == "FLOPs ÷ (peak dense TFLOPS × 10¹² × MFU) ÷ 3,600 seconds")
        #expect(estimate.gpuHours.inputs.map(\.label) == ["training compute", "BF16/FP16 dense peak", "MFU"])
        #expect(estimate.gpuHours.inputs[1].provenance.source == "R-STAS")
    }

    @Test("Chinchilla sizing: C = 3.8e25 gives N ≈ 563B and D ≈ 11.3T")
    func chinchilla() throws {
        let budget = Figure("budget", value: 3.8e25, .flops, provenance: .input(asOf: Fixtures.today))
        let ratio = Figure("tokens per parameter", value: 20, .tokensPerParameter, provenance: .input(asOf: Fixtures.today))
        let (n, d) = try Training.computeOptimalSize(budget: budget, tokensPerParameter: ratio)
        #expect(Format.significant(try #require(n.value) / 1e9) == "563")
        #expect(Format.significant(try #require(d.value) / 1e12) == "11.3")
    }

    @Test("KV cache: Llama 3 70B in BF16 is 327,680 bytes per token")
    func kvCache() throws {
        func f(_ v: Double) -> Figure { Figure("x", value: v, .count, provenance: .input(asOf: Fixtures.today)) }
        let kv = try Inference.kvBytesPerToken(layers: f(80), kvHeads: f(8), headDim: f(128), bytesPerElement: f(2))
        #expect(kv.value == 327_680)
        let opt = try Inference.kvBytesPerToken(layers: f(40), kvHeads: f(40), headDim: f(128), bytesPerElement: f(2))
        #expect(opt.value == 819_200) // vLLM's OPT-13B example: 800 KB per token
    }

    @Test("decode bound for a 70B FP8 model: ≤ 69 tokens/s on H200, 48 on H100, 114 on B200")
    func decodeBound() throws {
        let data = try Fixtures.frozenData()
        let expected = ["h200": 68.6, "h100-sxm": 47.9, "b200": 114.3]
        for (gpu, tokens) in expected {
            let estimate = try data.inference(parameters: 70e9, bytesPerParameter: 1, gpu: gpu)
            #expect(abs(try #require(estimate.decodeTokensPerSecond.value) - tokens) < 0.05, "\(gpu)")
            #expect(estimate.precision == .fp8)
        }
    }

    @Test("cost to serve: $3.99 per GPU-hour at 2,000 tokens/s is $0.55 per million tokens")
    func servingCost() throws {
        let data = try Fixtures.frozenData()
        let estimate = try data.inference(parameters: 70e9, bytesPerParameter: 1, gpu: "h200", price: 3.99, throughput: 2000)
        let cost = try #require(estimate.costPerMillionTokens)
        #expect(cost.formatted == "$0.55 per 1M tokens")
    }

    @Test("prefill bound = peak ÷ 2N")
    func prefill() throws {
        let data = try Fixtures.frozenData()
        let estimate = try data.inference(parameters: 70e9, bytesPerParameter: 2, gpu: "h100-sxm")
        #expect(abs(try #require(estimate.prefillTokensPerSecond?.value) - 989e12 / 140e9) < 1e-6)
    }

    @Test("energy: an H100 uses ≈1.19 kWh per GPU-hour, ≈$0.10 at 8 ¢/kWh")
    func energy() throws {
        let data = try Fixtures.frozenData().overriding(["electricity-price": 0.08])
        let energy = try data.energy(gpu: "h100-sxm")
        #expect(abs(try #require(energy.kWhPerGPUHour.value) - 1.194375) < 1e-9)
        #expect(energy.costPerGPUHour.formatted == "$0.10/GPU-hour")
        #expect(energy.costPerGPUHour.inputs[1].provenance.source == "set by caller")
    }

    @Test("own vs rent: $30,000 over 5 years at 70% utilization is $0.98 per GPU-hour before energy")
    func ownVsRent() throws {
        let data = try Fixtures.frozenData()
        let result = try data.ownVsRent(gpu: "h100-sxm")
        #expect(result.capexPerGPUHour.formatted == "$0.98/GPU-hour")
        let breakEven = try #require(result.breakEven.value)
        #expect(abs(breakEven - (result.capexPerGPUHour.value! + result.energy.costPerGPUHour.value!)) < 1e-12)
        #expect(result.medianRental != nil)
        #expect(throws: ModelError.self) { try data.ownVsRent(gpu: "mi325x") }
        #expect(try data.ownVsRent(gpu: "mi325x", purchasePrice: 20_000).capexPerGPUHour.value! > 0)
    }

    @Test("value ratios divide the median price by compute, memory and bandwidth")
    func valueRatios() throws {
        let data = try Fixtures.frozenData()
        let h100 = try data.accelerator(id: "h100-sxm")
        let stats = try data.priceStats(gpu: "h100-sxm")
        let median = try #require(stats.median?.value)
        #expect(abs(try data.figure(metric: "usd-per-pflop-hour", for: h100, prices: stats).value! - median / 0.989) < 1e-9)
        #expect(abs(try data.figure(metric: "usd-per-gb-hour", for: h100, prices: stats).value! - median / 80) < 1e-9)
        #expect(abs(try data.figure(metric: "usd-per-tbs-hour", for: h100, prices: stats).value! - median / 3.35) < 1e-9)
    }

    @Test("higher MFU never costs more", arguments: ["h100-sxm", "b200", "mi300x"])
    func mfuMonotonic(gpu: String) throws {
        let data = try Fixtures.frozenData()
        var previous = Double.infinity
        for step in 1...20 {
            let mfu = Double(step) / 20
            let estimate = try data.training(parameters: 70e9, tokens: 1.4e12, gpu: gpu, mfu: mfu, price: 3)
            let cost = try #require(estimate.cost?.value)
            #expect(cost <= previous)
            previous = cost
        }
    }

    @Test("out-of-range inputs are errors, not numbers")
    func invalidInputs() throws {
        let data = try Fixtures.frozenData()
        #expect(throws: ModelError.self) { try data.training(parameters: 1e9, tokens: 1e12, gpu: "h100-sxm", mfu: 1.5) }
        #expect(throws: ModelError.self) { try data.training(parameters: -1, tokens: 1e12, gpu: "h100-sxm") }
        #expect(throws: ModelError.self) { try data.training(parameters: 1e9, tokens: 1e12, gpu: "h100-sxm", precision: .fp4) }
    }
}

@Suite("GPU-hours and job cost")
struct JobTests {
    @Test("64 GPUs for 24 hours is 1,536 GPU-hours; at $3.99 that is $6,129")
    func job() throws {
        let data = try Fixtures.frozenData()
        let estimate = try data.job(gpus: 64, hours: 24, gpu: "h100-sxm", price: 3.99)
        #expect(estimate.gpuHours.value == 1536)
        #expect(try #require(estimate.cost).formatted == "$6,129")
        #expect(try data.job(gpus: 8, hours: 1, gpu: "b200").cost != nil)
        #expect(throws: ModelError.self) { try data.job(gpus: 0, hours: 1, gpu: "b200") }
    }
}
