import ArgumentParser
import ComputeModel
import Diagnostics
import Foundation
import Site

/// `signals prices …`: edit content/data/prices.csv with the build's own checks.
struct PricesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prices",
        abstract: "Edit content/data/prices.csv with the same checks as the build.",
        subcommands: [PricesAdd.self]
    )
}

/// `signals prices add`: appends one observation to prices.csv in the file's own column order, quoting and line
/// endings, after checking it as a build would; prints the change report the next build will show. Writes nothing
/// when anything is wrong.
struct PricesAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Append one price observation to content/data/prices.csv.",
        discussion: """
        Example: signals prices add --gpu h100-sxm --provider Lambda --offer "8x H100 SXM" --gpus 8 \
        --instance-price 23.92 --type on-demand --source https://lambda.ai/instances --date 2026-12-01
        """
    )

    @Option(help: ArgumentHelp("Accelerator id (column gpu).", valueName: "id")) var gpu: String
    @Option(help: "Provider, as prices.csv names it (column provider).") var provider: String
    @Option(help: "Offer or instance name (column offer).") var offer: String
    @Option(help: "GPUs in the instance (column gpus).") var gpus: Int
    @Option(name: .customLong("instance-price"), help: "USD per instance-hour (column usd_per_hour).") var instancePrice: String
    @Option(help: "Pricing type (column type).") var type: String = "on-demand"
    @Option(help: ArgumentHelp("Where the price was read (column source_url).", valueName: "url")) var source: String
    @Option(help: "Citation label (column source; default R-<PROVIDER>).") var citation: String?
    @Option(help: "P, S, S-, D or UNVERIFIED (column confidence).") var confidence: String = "S"
    @Option(help: "Region (column region).") var region: String = ""
    @Option(help: "A caveat (column note).") var note: String = ""
    @Option(help: ArgumentHelp("Observation date, YYYY-MM-DD (default: the build date, SOURCE_DATE_EPOCH or today).", valueName: "date"))
    var date: String?
    @Option(name: .customLong("as-of"), help: ArgumentHelp("The build date the checks use, YYYY-MM-DD (default: SOURCE_DATE_EPOCH or today).", valueName: "date"))
    var asOf: String?
    @Flag(name: .customLong("new-provider"), help: "Accept a provider prices.csv has never named.") var newProvider = false
    @Option(help: ArgumentHelp("The site's root folder, holding content/.", valueName: "root")) var root: String = "."

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func run() throws {
        do {
            print(try perform(), terminator: "")
        } catch let failure as Failure {
            DiagnosticPrinter.standardError(failure.description + "\n")
            throw ExitCode(1)
        }
    }

    /// Checks and appends the row; returns what to print. Throws `Failure` (and writes nothing) when anything is wrong.
    func perform() throws -> String {
        let rootURL = URL(fileURLWithPath: root).standardizedFileURL
        let dataFolder = rootURL.appendingPathComponent("content/data")
        let file = dataFolder.appendingPathComponent(ComputeData.pricesFile)
        let label = "content/data/prices.csv"
        let today: Date
        if let asOf {
            guard let day = Day(asOf) else { throw Failure(description: "error: --as-of '\(asOf)' is not a date (write YYYY-MM-DD)") }
            today = day.date.addingTimeInterval(12 * 3600)
        } else {
            do throws(BuildFailure) { today = try BuildOptions.sourceDateEpoch() ?? Date() } catch { throw Failure(description: error.description) }
        }
        let data: ComputeData
        do throws(DiagnosticList) {
            data = try ComputeData.load(from: dataFolder, today: today, displayPrefix: "content/data")
        } catch {
            throw Failure(description: error.diagnostics.map(\.description).joined(separator: "\n")
                          + "\nerror: fix content/data/ first; nothing was written")
        }
        guard let bytes = FileManager.default.contents(atPath: file.path), let text = String(data: bytes, encoding: .utf8) else {
            throw Failure(description: "\(label): error: cannot read the file")
        }
        let existing = Set(data.prices.map(\.provider))
        if !existing.contains(provider) && !newProvider {
            let closest = Suggestion.closest(to: provider, in: existing).map { "did you mean '\($0)'? " } ?? ""
            throw Failure(description: "error: unknown provider '\(provider)'\n  hint: \(closest)pass --new-provider to add a provider \(label) has never named; nothing was written")
        }
        let lineEnding = text.utf8.contains(UInt8(ascii: "\r")) ? "\r\n" : "\n"
        // The header's columns, in the file's order (scalars: "\r\n" is one Character, equal to neither "\r" nor "\n").
        let firstLine = String(String.UnicodeScalarView(text.unicodeScalars.prefix { $0 != "\n" && $0 != "\r" }))
        let header = firstLine.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let day = date ?? Day(today).description
        let values: [String: String] = [
            "date": day, "provider": provider, "offer": offer, "gpu": gpu, "gpus": String(gpus), "usd_per_hour": instancePrice,
            "type": type, "region": region, "source_url": source,
            "source": citation ?? "R-" + provider.uppercased().filter { $0.isLetter || $0.isNumber },
            "confidence": confidence, "note": note,
        ]
        let row = header.map { Self.quoted(values[$0] ?? "") }.joined(separator: ",")
        // (UTF-8 bytes: in a Swift String "\r\n" is one character, which hasSuffix("\n") does not match.)
        let updated = text + (text.isEmpty || text.utf8.last == UInt8(ascii: "\n") ? "" : lineEnding) + row + lineEnding
        do throws(DiagnosticList) {
            _ = try PriceFile.parse(path: label, contents: updated, today: Day(today), accelerators: data.accelerators)
        } catch {
            throw Failure(description: error.diagnostics.map(\.description).joined(separator: "\n") + "\nnothing was written")
        }
        do {
            try Data(updated.utf8).write(to: file, options: .atomic)
        } catch {
            throw Failure(description: "\(label): error: cannot write the file: \(error.localizedDescription)")
        }
        // The next build's change report: a dry run against the cache, which writes nothing.
        let report: ChangeReport
        do throws(BuildFailure) {
            report = try SiteBuilder.build(BuildOptions(root: rootURL, dryRun: true, today: today, useCache: true)).report
        } catch {
            try? bytes.write(to: file, options: .atomic)
            throw Failure(description: error.diagnostics.map(\.description).joined(separator: "\n") + "\nthe build would fail; nothing was written")
        }
        let lineNumber = updated.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        var output = "added to \(label):\(lineNumber): \(row)\n"
        let lines = report.lines
        if !report.comparedWithPrevious {
            output += "no previous build to compare with: signals build shows what the row moves from the next time on\n"
        } else {
            output += lines.isEmpty ? "the next build moves no figure\n" : "the next build will show:\n" + lines.map { $0 + "\n" }.joined()
        }
        return output
    }

    /// A CSV cell, quoted when it holds a comma, a quote, a line break or outer spaces.
    static func quoted(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || cell != cell.trimmingCharacters(in: .whitespaces) else {
            return cell
        }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
