import ComputeModel
import Testing

@Suite("Number formatting")
struct FormatTests {
    @Test func scientific() {
        #expect(Format.scientific(3.79e25) == "3.79e25")
        #expect(Format.scientific(26_609_000) == "2.66e7")
        #expect(Format.scientific(9.999e9) == "1e10")
    }

    @Test func words() {
        #expect(Format.words(26_609_000) == "26.6 million")
        #expect(Format.words(3.79e12) == "3.79 trillion")
        #expect(Format.words(989) == "989")
    }

    @Test func dollars() {
        #expect(Format.usd(3.99) == "$3.99")
        #expect(Format.usd(6.155) == "$6.16")
        #expect(Format.usd(61_680_000) == "$61.7 million")
        #expect(Format.usd(30_000) == "$30,000")
    }

    @Test func grouped() {
        #expect(Format.grouped(1979) == "1,979")
        #expect(Format.grouped(494.5) == "494.5")
        #expect(Format.percent(0.4) == "40%")
    }

    @Test func figures() {
        let provenance = Provenance.input(asOf: Fixtures.today)
        #expect(Figure("p", value: 989, .tflops, provenance: provenance).formatted == "989 TFLOPS")
        #expect(Figure("p", value: 3.99, .usdPerGPUHour, provenance: provenance).formatted == "$3.99/GPU-hour")
    }
}
