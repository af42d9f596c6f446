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
        if let line = CSVLines.unclosedQuoteLine(contents) {
            let diagnostic = Diagnostic.error(at: SourceLocation(file: path, line: line, column: 1),
                                              "a quoted cell starts on this line and is never closed",
                                              hint: "end the cell with a quote (write a quote inside a quoted cell as two quotes: \"\")")
            return ([], [diagnostic])
        }
        // One pass over the bytes, each row checked as it is read; text that only SwiftCSV reads exactly is
        // read again through it, from the start.
        var reader = PriceRowReader(path: path, contents: contents, today: today, accelerators: accelerators)
        if FastCSV.forEachRow(contents, { cells, line in reader.take(cells, line: line) }) {
            return reader.finish()
        }
        reader = PriceRowReader(path: path, contents: contents, today: today, accelerators: accelerators)
        var rows: [[String]] = []
        do {
            let csv = try EnumeratedCSV(string: contents, delimiter: .comma, loadColumns: false)
            try csv.enumerateAsArray(startAt: 0, rowLimit: nil) { rows.append($0) }
        } catch {
            let line = CSVLines.firstUnparsableLine(contents) ?? 1
            let diagnostic = Diagnostic.error(at: SourceLocation(file: path, line: line, column: 1), "cannot read CSV: \(error)",
                                              hint: "check the quotes on this line: a quoted cell must end with a quote before the comma")
            return ([], [diagnostic])
        }
        let lines = CSVLines(contents)
        var line = 1
        for row in rows {
            reader.take(row, line: line)
            line += 1 + lines.extraLines(in: row)
        }
        return reader.finish()
    }
}

/// Checks the rows of prices.csv one at a time (the header first) and turns each valid one into a
/// `PriceObservation`. Column positions in the text are worked out only for rows that have an error.
struct PriceRowReader {
    private let path: String
    private let contents: String
    private let today: Day
    private let ids: [String]
    private let idSet: Set<String>
    private var byName: [String: String] = [:]
    /// Cell position of each of `PriceFile.columns`, in that order, once the header is read.
    private var positions: [Int]?
    private var headerCount = 0
    private var stopped = false
    private var lines: CSVLines?
    private var seen: [RowIdentity: Int] = [:]
    private(set) var observations: [PriceObservation] = []
    private(set) var diagnostics: [Diagnostic] = []

    /// What makes two rows the same observation: date, provider, offer, gpu, type and region.
    private struct RowIdentity: Hashable {
        var date: Day
        var provider: String
        var offer: String
        var gpu: String
        var type: PricingType
        var region: String
    }

    init(path: String, contents: String, today: Day, accelerators: [Accelerator]) {
        self.path = path
        self.contents = contents
        self.today = today
        ids = accelerators.map(\.id)
        idSet = Set(ids)
        for accelerator in accelerators { for name in accelerator.names { byName[name] = accelerator.id } }
    }

    func finish() -> ([PriceObservation], [Diagnostic]) {
        if positions == nil && !stopped {
            return ([], [.error(at: SourceLocation(file: path, line: 1, column: 1), "the file has no header row",
                                hint: "the first line must name the columns: \(PriceFile.columns.joined(separator: ","))")])
        }
        return (observations, diagnostics)
    }

    private mutating func error(_ line: Int, _ column: Int, _ message: String, hint: String? = nil) {
        diagnostics.append(.error(at: SourceLocation(file: path, line: line, column: column), message, hint: hint))
    }

    /// The 1-based column where each cell of the row on `line` starts (computed on the first error only).
    private mutating func columns(line: Int, count: Int) -> [Int] {
        if lines == nil { lines = CSVLines(contents) }
        return lines?.fieldColumns(line: line, count: count) ?? Array(repeating: 1, count: count)
    }

    mutating func take(_ row: [String], line: Int) {
        if stopped { return }
        guard let positions else { return readHeader(row) }
        if row.allSatisfy({ $0.trimmedSpaces.isEmpty }) { return }
        let errorsBefore = diagnostics.count
        if row.count > headerCount {
            let cellColumns = columns(line: line, count: row.count)
            error(line, cellColumns[headerCount], "this row has \(row.count) cells but the header has \(headerCount)",
                  hint: "a cell containing a comma must be quoted")
            return
        }
        // Cells in `PriceFile.columns` order; a required one that is empty is reported and read as nil.
        var cells: [String?] = []
        cells.reserveCapacity(positions.count)
        var emptyRequired: [Int] = []
        for (column, position) in positions.enumerated() {
            let text = position < row.count ? row[position].trimmedSpaces : ""
            if text.isEmpty && !PriceFile.optionalColumns.contains(PriceFile.columns[column]) {
                emptyRequired.append(column)
                cells.append(nil)
            } else {
                cells.append(text)
            }
        }
        var problems: [(column: Int, message: String, hint: String?)] = []
        for column in emptyRequired {
            let name = PriceFile.columns[column]
            problems.append((column, name == "source_url" || name == "source" ? "missing source: '\(name)' is empty" : "'\(name)' is empty", nil))
        }
        var date: Day?
        if let text = cells[0] {
            if let day = Day(text) {
                if day > today { problems.append((0, "date \(day) is after the build date \(today)", nil)) } else { date = day }
            } else {
                problems.append((0, "date '\(text)' is not a date", "write dates as YYYY-MM-DD"))
            }
        }
        var gpu: String?
        if let text = cells[3] {
            if idSet.contains(text) {
                gpu = text
            } else if let id = byName[text] {
                problems.append((3, "'\(text)' is an alias; prices use the accelerator id", "write '\(id)'"))
            } else {
                let hint = Suggestion.closest(to: text, in: byName.keys).map { "did you mean '\(byName[$0] ?? $0)'?" }
                problems.append((3, "unknown accelerator id '\(text)'", hint ?? "known ids: \(ids.joined(separator: ", "))"))
            }
        }
        var gpus: Int?
        if let text = cells[4] {
            if let count = Int(text), count > 0 { gpus = count } else {
                problems.append((4, "GPUs per instance must be a whole number greater than 0, not '\(text)'", nil))
            }
        }
        var price: Double?
        if let text = cells[5] {
            if let value = Double(text), value.isFinite {
                if value > 0 { price = value } else { problems.append((5, "price must be greater than 0, not \(text)", nil)) }
            } else {
                problems.append((5, "price '\(text)' is not a number", "write USD per instance-hour as digits, e.g. 98.32 (no $ sign)"))
            }
        }
        var type: PricingType?
        if let text = cells[6] {
            if let value = PricingType(rawValue: text) { type = value } else {
                let names = PricingType.allCases.map(\.rawValue)
                problems.append((6, "unknown pricing type '\(text)'",
                                 Suggestion.closest(to: text, in: names).map { "did you mean '\($0)'?" } ?? "use one of \(names.joined(separator: ", "))"))
            }
        }
        var url: String?
        if let text = cells[8] {
            if text.hasPrefix("https://") || text.hasPrefix("http://") { url = text } else {
                problems.append((8, "source_url '\(text)' must start with https:// or http://", nil))
            }
        }
        var confidence: Confidence?
        if let text = cells[10] {
            if let value = Confidence(rawValue: text) { confidence = value } else {
                problems.append((10, "unknown confidence '\(text)'", "use one of \(Confidence.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        if !problems.isEmpty {
            // Empty cells first, then the checks in column order, as they have always been reported.
            let cellColumns = columns(line: line, count: max(row.count, headerCount))
            for problem in problems {
                let position = positions[problem.column]
                error(line, cellColumns[min(position, cellColumns.count - 1)], problem.message, hint: problem.hint)
            }
        }
        guard diagnostics.count == errorsBefore, let date, let provider = cells[1], let offer = cells[2], let gpu, let gpus,
              let price, let type, let url, let source = cells[9], let confidence else { return }
        let region = cells[7] ?? ""
        let identity = RowIdentity(date: date, provider: provider, offer: offer, gpu: gpu, type: type, region: region)
        if let first = seen[identity] {
            error(line, 1, "duplicate observation: line \(first) has the same date, provider, offer, gpu, type and region",
                  hint: "remove one row, or tell them apart (e.g. by region)")
            return
        }
        seen[identity] = line
        observations.append(PriceObservation(date: date, provider: provider, offer: offer, gpu: gpu, gpus: gpus,
                                             usdPerInstanceHour: price, type: type, region: region, sourceURL: url, source: source,
                                             confidence: confidence, note: cells[11] ?? "", line: line))
    }

    private mutating func readHeader(_ header: [String]) {
        guard header.contains(where: { !$0.isEmpty }) else {
            error(1, 1, "the file has no header row", hint: "the first line must name the columns: \(PriceFile.columns.joined(separator: ","))")
            stopped = true
            return
        }
        var index: [String: Int] = [:]
        var headerColumns: [Int]?
        for (position, name) in header.enumerated() {
            let name = name.trimmingCharacters(in: .whitespaces)
            if PriceFile.columns.contains(name) {
                if index[name] != nil {
                    if headerColumns == nil { headerColumns = columns(line: 1, count: header.count) }
                    error(1, headerColumns?[position] ?? 1, "column '\(name)' appears twice")
                }
                index[name] = position
            } else {
                if headerColumns == nil { headerColumns = columns(line: 1, count: header.count) }
                let hint = Suggestion.closest(to: name, in: PriceFile.columns).map { "did you mean '\($0)'?" }
                error(1, headerColumns?[position] ?? 1, "unknown column '\(name)'", hint: hint ?? "columns: \(PriceFile.columns.joined(separator: ","))")
            }
        }
        let missing = PriceFile.columns.filter { index[$0] == nil }
        if !missing.isEmpty {
            error(1, 1, "missing column\(missing.count > 1 ? "s" : "") \(missing.map { "'\($0)'" }.joined(separator: ", "))")
            stopped = true
            return
        }
        headerCount = header.count
        positions = PriceFile.columns.compactMap { index[$0] }
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
