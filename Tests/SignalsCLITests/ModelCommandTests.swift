import ArgumentParser
import Foundation
@testable import SignalsCLI
import Testing

/// `signals model …` as a user runs it: the printed text or JSON, and the error and exit status.
@Suite("signals model")
struct ModelCommandTests {
    static let dataDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tests/Fixtures/real-data-2026-11").path

    /// Parses `arguments` after `signals model` with the frozen copy of the data (2026-11) and its build date, and returns the output.
    func run(_ arguments: [String]) throws -> String {
        let command = try ModelCommand.parseAsRoot(arguments + ["--data", Self.dataDirectory, "--as-of", "2026-11-26"])
        switch command {
        case let command as ModelTrain: return try command.output()
        case let command as ModelCompare: return try command.output()
        case let command as ModelPrices: return try command.output()
        case let command as ModelInfer: return try command.output()
        case let command as ModelOwn: return try command.output()
        case let command as ModelCPU: return try command.output()
        default: throw ModelCLIError("unexpected command \(type(of: command))")
        }
    }

    /// The message and exit status a failing command prints.
    func failure(_ arguments: [String]) -> (message: String, status: Int32)? {
        do {
            _ = try run(arguments)
            return nil
        } catch {
            return (ModelCommand.message(for: error), ModelCommand.exitCode(for: error).rawValue)
        }
    }

    @Test("train --json gives about 2.66e7 GPU-hours for Llama 3 405B on H100 at 40% MFU")
    func trainJSON() throws {
        let output = try run(["train", "--params", "405e9", "--tokens", "15.6e12", "--gpu", "h100-sxm", "--mfu", "0.40", "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let gpuHours = try #require(json["gpuHours"] as? [String: Any])
        let value = try #require(gpuHours["value"] as? Double)
        #expect(abs(value - 2.66e7) / 2.66e7 < 0.005)
        #expect(gpuHours["formatted"] as? String == "26.6 million GPU-hours")
        #expect((json["flops"] as? [String: Any])?["value"] as? Double == 6 * 405e9 * 15.6e12)
        #expect(json["gpu"] as? String == "h100-sxm")
    }

    @Test("train prints a table with the formula and the given price")
    func trainText() throws {
        let output = try run(["train", "--params", "405e9", "--tokens", "15.6e12", "--gpu", "h100", "--mfu", "0.40", "--price", "2.99"])
        #expect(output.contains("26.6 million (2.66e7)"))
        #expect(output.contains("3.79e25 FLOPs"))
        #expect(output.contains("$79.6 million"))
        #expect(output.contains("GPU-hours × $2.99/GPU-hour (given)"))
    }

    @Test("an unknown accelerator id is an error with the closest id, exit status 1")
    func unknownID() {
        let result = failure(["train", "--params", "405e9", "--tokens", "15.6e12", "--gpu", "h100-sx"])
        #expect(result?.status == 1)
        #expect(result?.message.hasPrefix("unknown accelerator 'h100-sx' (did you mean 'h100-sxm'?)") == true)
        #expect(failure(["compare", "h100", "h2000"])?.message.contains("did you mean 'h200-sxm'?") == true)
    }

    @Test("a bad number is an error naming the flag, exit status 1")
    func badNumber() {
        let result = failure(["train", "--params", "405B", "--tokens", "15.6e12", "--gpu", "h100-sxm"])
        #expect(result?.status == 1)
        #expect(result?.message == "--params '405B' is not a number (examples: 405e9, 0.40, 2.99)")
        #expect(failure(["train", "--params", "1e9", "--tokens", "1e12", "--gpu", "h100", "--mfu", "40"])?.status == 1)
        #expect(failure(["infer", "--params=-7e9", "--gpu", "h200"])?.status == 1)
    }

    @Test("prices lists providers with dates and sources")
    func prices() throws {
        let output = try run(["prices", "h100-sxm", "--type", "on-demand"])
        #expect(output.contains("median $6.52, min $3.85, max $12.29 per GPU-hour across 8 providers; newest observation 2026-11-09 (17 days old)"))
        let aws = try #require(output.split(separator: "\n").first { $0.contains("p5.48xlarge") })
        #expect(aws.contains("55.04") && aws.contains("6.88") && aws.contains("2026-11-09") && aws.contains("R-DATARECEIPTS"))
        #expect(aws.contains("https://aws.amazon.com/ec2/pricing/on-demand/"))
    }

    @Test("compare shows dense figures side by side, with aliases accepted")
    func compare() throws {
        let output = try run(["compare", "h100-sxm", "h200", "b200", "--metrics", "bf16-dense,memory,median-price"])
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines[0].hasSuffix("h100-sxm    h200-sxm          b200"))
        #expect(lines.contains { $0.hasPrefix("bf16-dense") && $0.hasSuffix("989 TFLOPS  989 TFLOPS  2,250 TFLOPS") })
        #expect(lines.contains { $0.hasPrefix("memory") && $0.contains("141 GB") })
    }

    @Test("compare --price puts the reader's price in the price rows of that accelerator only")
    func compareWithAPrice() throws {
        let output = try run(["compare", "h100-sxm", "b200", "--metrics", "median-price,usd-per-pflop-hour,usd-per-tbs-hour", "--price", "h100=2.10"])
        let lines = output.split(separator: "\n").map(String.init)
        let pflop = try #require(lines.first { $0.hasPrefix("usd-per-pflop-hour") })
        #expect(pflop.contains("$2.12"), "2.10 ÷ (989 ÷ 1,000)")
        #expect(try #require(lines.first { $0.hasPrefix("median-price") }).contains("$2.10"))
        #expect(try #require(lines.first { $0.hasPrefix("usd-per-tbs-hour") }).contains("$0.63"), "2.10 ÷ 3.35")
        #expect(!(try run(["compare", "b200", "--metrics", "median-price"])).contains("your price"))
        #expect(output.contains("h100-sxm: your price, $2.1 per GPU-hour (given, not sourced), replaces the median."))
        #expect(failure(["compare", "h100-sxm", "--price", "h100-sxm=cheap"])?.message.contains("--price takes gpu=usd") == true)
    }

    @Test("compare takes a CPU from cpus.yaml beside a GPU, with its derived peak")
    func compareCPU() throws {
        let output = try run(["compare", "xeon-8480", "h100", "--metrics", "cores,bf16-dense,flops-per-byte,memory"])
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("cores") && $0.contains(" 56 cores ") && $0.hasSuffix(" 16,896 cores") })
        #expect(lines.contains { $0.hasPrefix("bf16-dense") && $0.contains("114.688 TFLOPS") })
        #expect(lines.contains { $0.hasPrefix("flops-per-byte") && $0.contains("373 FLOPs/byte") && $0.hasSuffix("295 FLOPs/byte") })
        #expect(lines.contains("xeon-8480 memory: no HBM; memory sits in DIMM slots"))
    }

    @Test("cpu-vs-gpu shows the same job's CPU-hours and GPU-hours as the lesson's worked example")
    func cpuVsGPU() throws {
        let output = try run(["cpu-vs-gpu", "--cpu", "xeon-8480", "--gpu", "h100", "--params", "7e9", "--tokens", "140e9", "--mfu", "0.4"])
        #expect(output.contains("35,603.84 CPU-hours"))
        #expect(output.contains("4,128.75 GPU-hours"))
        #expect(output.contains("8.62×"))
        #expect(failure(["cpu-vs-gpu", "--cpu", "xeon-8408", "--gpu", "h100", "--params", "7e9", "--tokens", "1e9"])?.message.contains("did you mean 'xeon-8480'?") == true)
    }

    @Test("infer gives the decode bound for a 70B FP8 model on H200")
    func infer() throws {
        let output = try run(["infer", "--params", "70e9", "--bytes-per-param", "1", "--gpu", "h200"])
        #expect(output.contains("≤ 68.6 tokens/s"))
        #expect(output.contains("4.8 TB/s ÷ bytes per token"))
    }

    @Test("own gives the capital cost and break-even price")
    func own() throws {
        let output = try run(["own", "--gpu", "h100-sxm"])
        #expect(output.contains("$0.98/GPU-hour"))
        #expect(output.contains("break-even rent"))
        #expect(failure(["own", "--gpu", "mi325x"])?.message.contains("--purchase-price") == true)
    }
}
