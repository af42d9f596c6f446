@testable import ComputeModel
import Foundation
import SwiftCSV
import Testing

/// FastCSV and SwiftCSV read every text to the same rows: 3,000 seeded random texts built from the
/// characters that matter (quotes, commas, line breaks, spaces, combining marks, non-ASCII letters).
/// The seed is printed on failure; `SIGNALS_SEED` replays it.
@Suite("Price file reader")
struct FastCSVTests {
    static let seed = ProcessInfo.processInfo.environment["SIGNALS_SEED"].flatMap(UInt64.init) ?? UInt64(Date().timeIntervalSince1970)
    static let pieces = ["a", "b", "12.5", ",", ",", "\"", "\"\"", "\n", "\r\n", "\r", " ", "\t", "é", "\u{301}", "×", "Ō", "\u{A0}",
                         "\u{2028}", "x y", "\"q,\"", "2026-01-01"]

    static func swiftCSV(_ text: String) -> [[String]]? {
        var rows: [[String]] = []
        do {
            let csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false)
            try csv.enumerateAsArray(startAt: 0, rowLimit: nil) { rows.append($0) }
            return rows
        } catch {
            return nil
        }
    }

    @Test("FastCSV gives SwiftCSV's rows, or defers to it (3,000 random texts)")
    func agreesWithSwiftCSV() {
        var random = SeededGenerator(seed: Self.seed)
        var fastCount = 0
        for round in 0..<3_000 {
            let text = (0..<Int(random.next() % 40)).map { _ in Self.pieces[Int(random.next() % UInt64(Self.pieces.count))] }.joined()
            guard let fast = FastCSV.rows(text) else { continue }
            fastCount += 1
            let reference = Self.swiftCSV(text)
            #expect(reference == fast, "seed \(Self.seed) (SIGNALS_SEED), round \(round): \(text.debugDescription)")
            if reference != fast { return }
            // The line each row starts on, as the streaming reader gives it, equals the count of line breaks
            // before it in SwiftCSV's rows (the way error messages located rows before the one-pass reader).
            var streamed: [Int] = []
            _ = FastCSV.forEachRow(text) { _, line in streamed.append(line) }
            var expected: [Int] = []
            var line = 1
            for row in reference ?? [] {
                expected.append(line)
                line += 1 + CSVLines(text).extraLines(in: row)
            }
            #expect(streamed == expected, "seed \(Self.seed) (SIGNALS_SEED), round \(round): \(text.debugDescription)")
            if streamed != expected { return }
        }
        // Most texts must take the fast path, or the comparison proves little.
        #expect(fastCount > 400, "only \(fastCount) of 3,000 texts were read by FastCSV")
    }

    @Test("hand-checked rows: quotes, doubled quotes, CRLF, a last row without a newline")
    func handChecked() {
        #expect(FastCSV.rows("a,b\n\"x, y\",\"say \"\"hi\"\"\"\r\nlast,") == [["a", "b"], ["x, y", "say \"hi\""], ["last"]])
        #expect(FastCSV.rows("p,note\nq,4.57× spread\n") == [["p", "note"], ["q", "4.57× spread"]])
    }
}

extension FastCSVTests {
    @Test("the real prices.csv is read by the fast path, to SwiftCSV's rows")
    func realPriceFile() throws {
        let text = try String(contentsOf: Fixtures.realDataDirectory.appendingPathComponent("prices.csv"), encoding: .utf8)
        let fast = try #require(FastCSV.rows(text))
        #expect(fast == Self.swiftCSV(text))
    }
}

extension FastCSVTests {
    @Test("line positions for messages: the byte scan splits lines as Character.isNewline does (random texts)")
    func linesAgree() {
        var random = SeededGenerator(seed: Self.seed &+ 2)
        for round in 0..<2_000 {
            let text = (0..<Int(random.next() % 30)).map { _ in Self.pieces[Int(random.next() % UInt64(Self.pieces.count))] }.joined()
            let expected = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            #expect(CSVLines(text).lines == expected, "seed \(Self.seed &+ 2) (SIGNALS_SEED=\(Self.seed)), round \(round): \(text.debugDescription)")
        }
    }
}
