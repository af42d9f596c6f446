import Diagnostics
import SwiftCSV

/// Reads `prices.csv`: one dated price observation per row, parsed by `FastCSV` (SwiftCSV where only it can read the text exactly).
///
/// Columns (header row required, any order): `date, provider, offer, gpu, gpus, usd_per_hour, type, region,
/// source_url, source, confidence, note`. `region` and `note` may be empty; every other cell is required.
/// `usd_per_hour` is the price of the whole instance; the per-GPU price is derived.
public enum PriceFile {
    /// The columns, in the order the seed file uses.
    public static let columns = ["date", "provider", "offer", "gpu", "gpus", "usd_per_hour", "type", "region",
                                 "source_url", "source", "confidence", "note"]
    static let optionalColumns: Set<String> = ["region", "note"]

    /// Parses the file's text, checking accelerator ids against `accelerators`; throws every problem at once.
    public static func parse(path: String, contents: String, today: Day, accelerators: [Accelerator]) throws(DiagnosticList) -> [PriceObservation] {
        let (observations, diagnostics) = read(path: path, contents: contents, today: today, accelerators: accelerators)
        if !diagnostics.isEmpty { throw DiagnosticList(diagnostics) }
        return observations
    }

    static func read(path: String, contents: String, today: Day, accelerators: [Accelerator]) -> ([PriceObservation], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        func error(_ line: Int, _ column: Int, _ message: String, hint: String? = nil) {
            diagnostics.append(.error(at: SourceLocation(file: path, line: line, column: column), message, hint: hint))
        }
        if let line = CSVLines.unclosedQuoteLine(contents) {
            error(line, 1, "a quoted cell starts on this line and is never closed",
                  hint: "end the cell with a quote (write a quote inside a quoted cell as two quotes: \"\")")
            return ([], diagnostics)
        }
        var rows: [[String]] = []
        do {
            if let fast = FastCSV.rows(contents) {
                rows = fast
            } else {
                let csv = try EnumeratedCSV(string: contents, delimiter: .comma, loadColumns: false)
                try csv.enumerateAsArray(startAt: 0, rowLimit: nil) { rows.append($0) }
            }
        } catch {
            let line = CSVLines.firstUnparsableLine(contents) ?? 1
            diagnostics.append(.error(at: SourceLocation(file: path, line: line, column: 1), "cannot read CSV: \(error)",
                                      hint: "check the quotes on this line: a quoted cell must end with a quote before the comma"))
            return ([], diagnostics)
        }
        let lines = CSVLines(contents)
        guard let header = rows.first, header.contains(where: { !$0.isEmpty }) else {
            error(1, 1, "the file has no header row", hint: "the first line must name the columns: \(columns.joined(separator: ","))")
            return ([], diagnostics)
        }
        let headerColumns = lines.fieldColumns(line: 1, count: header.count)
        var index: [String: Int] = [:]
        for (position, name) in header.enumerated() {
            let name = name.trimmingCharacters(in: .whitespaces)
            if columns.contains(name) {
                if index[name] != nil { error(1, headerColumns[position], "column '\(name)' appears twice") }
                index[name] = position
            } else {
                let hint = Suggestion.closest(to: name, in: columns).map { "did you mean '\($0)'?" }
                error(1, headerColumns[position], "unknown column '\(name)'", hint: hint ?? "columns: \(columns.joined(separator: ","))")
            }
        }
        let missing = columns.filter { index[$0] == nil }
        if !missing.isEmpty {
            error(1, 1, "missing column\(missing.count > 1 ? "s" : "") \(missing.map { "'\($0)'" }.joined(separator: ", "))")
            return ([], diagnostics)
        }
        var byName: [String: String] = [:]
        for accelerator in accelerators { for name in accelerator.names { byName[name] = accelerator.id } }
        let ids = accelerators.map(\.id)
        var observations: [PriceObservation] = []
        var seen: [String: Int] = [:]
        var line = 1 + lines.extraLines(in: header)
        for row in rows.dropFirst() {
            line += 1
            let rowLine = line
            line += lines.extraLines(in: row)
            if row.allSatisfy({ $0.trimmedSpaces.isEmpty }) { continue }
            let cellColumns = lines.fieldColumns(line: rowLine, count: max(row.count, header.count))
            if row.count > header.count {
                error(rowLine, cellColumns[header.count], "this row has \(row.count) cells but the header has \(header.count)",
                      hint: "a cell containing a comma must be quoted")
                continue
            }
            func cell(_ name: String) -> (text: String, column: Int)? {
                let position = index[name]!
                let text = position < row.count ? row[position].trimmedSpaces : ""
                if text.isEmpty && !optionalColumns.contains(name) {
                    let what = name == "source_url" || name == "source" ? "missing source: '\(name)' is empty" : "'\(name)' is empty"
                    error(rowLine, cellColumns[min(position, cellColumns.count - 1)], what)
                    return nil
                }
                return (text, cellColumns[min(position, cellColumns.count - 1)])
            }
            let dateCell = cell("date"), providerCell = cell("provider"), offerCell = cell("offer"), gpuCell = cell("gpu")
            let gpusCell = cell("gpus"), priceCell = cell("usd_per_hour"), typeCell = cell("type"), regionCell = cell("region")
            let urlCell = cell("source_url"), sourceCell = cell("source"), confidenceCell = cell("confidence"), noteCell = cell("note")
            var date: Day?
            if let (text, column) = dateCell {
                if let day = Day(text) {
                    if day > today { error(rowLine, column, "date \(day) is after the build date \(today)") } else { date = day }
                } else {
                    error(rowLine, column, "date '\(text)' is not a date", hint: "write dates as YYYY-MM-DD")
                }
            }
            var gpu: String?
            if let (text, column) = gpuCell {
                if ids.contains(text) {
                    gpu = text
                } else if let id = byName[text] {
                    error(rowLine, column, "'\(text)' is an alias; prices use the accelerator id", hint: "write '\(id)'")
                } else {
                    let hint = Suggestion.closest(to: text, in: byName.keys).map { "did you mean '\(byName[$0] ?? $0)'?" }
                    error(rowLine, column, "unknown accelerator id '\(text)'", hint: hint ?? "known ids: \(ids.joined(separator: ", "))")
                }
            }
            var gpus: Int?
            if let (text, column) = gpusCell {
                if let count = Int(text), count > 0 { gpus = count } else {
                    error(rowLine, column, "GPUs per instance must be a whole number greater than 0, not '\(text)'")
                }
            }
            var price: Double?
            if let (text, column) = priceCell {
                if let value = Double(text), value.isFinite {
                    if value > 0 { price = value } else { error(rowLine, column, "price must be greater than 0, not \(text)") }
                } else {
                    error(rowLine, column, "price '\(text)' is not a number", hint: "write USD per instance-hour as digits, e.g. 98.32 (no $ sign)")
                }
            }
            var type: PricingType?
            if let (text, column) = typeCell {
                if let value = PricingType(rawValue: text) { type = value } else {
                    let names = PricingType.allCases.map(\.rawValue)
                    error(rowLine, column, "unknown pricing type '\(text)'",
                          hint: Suggestion.closest(to: text, in: names).map { "did you mean '\($0)'?" } ?? "use one of \(names.joined(separator: ", "))")
                }
            }
            var url: String?
            if let (text, column) = urlCell {
                if text.hasPrefix("https://") || text.hasPrefix("http://") { url = text } else {
                    error(rowLine, column, "source_url '\(text)' must start with https:// or http://")
                }
            }
            var confidence: Confidence?
            if let (text, column) = confidenceCell {
                if let value = Confidence(rawValue: text) { confidence = value } else {
                    error(rowLine, column, "unknown confidence '\(text)'", hint: "use one of \(Confidence.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
            guard let date, let provider = providerCell?.text, let offer = offerCell?.text, let gpu, let gpus, let price,
                  let type, let url, let source = sourceCell?.text, let confidence else { continue }
            let observation = PriceObservation(date: date, provider: provider, offer: offer, gpu: gpu, gpus: gpus,
                                               usdPerInstanceHour: price, type: type, region: regionCell?.text ?? "",
                                               sourceURL: url, source: source, confidence: confidence,
                                               note: noteCell?.text ?? "", line: rowLine)
            if let first = seen[observation.id] {
                error(rowLine, 1, "duplicate observation: line \(first) has the same date, provider, offer, gpu, type and region",
                      hint: "remove one row, or tell them apart (e.g. by region)")
                continue
            }
            seen[observation.id] = rowLine
            observations.append(observation)
        }
        return (observations, diagnostics)
    }
}

extension String {
    /// `trimmingCharacters(in: .whitespaces)`, without Foundation's cost when there is nothing to trim
    /// (a cell that starts and ends with a printable ASCII character).
    var trimmedSpaces: String {
        guard let first = utf8.first, let last = utf8.last else { return self }
        if first > 0x20 && first < 0x7F && last > 0x20 && last < 0x7F { return self }
        return trimmingCharacters(in: .whitespaces)
    }
}
