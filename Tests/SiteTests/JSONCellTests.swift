import Foundation
@testable import Site
import SiteTestSupport
import Testing

/// The JSON files a reader downloads (a table's rows, /data/prices.json) are written by `JSONCell.prettyPrinted`,
/// which must give exactly the bytes `JSONEncoder` gives; 600 seeded random values, the seed printed on failure
/// (`SIGNALS_SEED` replays it).
@Suite("Downloaded JSON: the fast writer gives JSONEncoder's bytes")
struct JSONCellTests {
    static let seed = ProcessInfo.processInfo.environment["SIGNALS_SEED"].flatMap(UInt64.init) ?? UInt64(Date().timeIntervalSince1970)
    static let pieces = ["a", "Lambda", "8x H100", "\"", "\\", "/", "https://x.org/a?b=1", "\n", "\r", "\t", "\u{8}", "\u{C}", "\u{1}",
                         "\u{1F}", "\u{7F}", "é", "e\u{301}", "×", "\u{2028}", "😀", " ", "", "Z", "_"]

    static func reference(_ cell: JSONCell) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(cell) + Data("\n".utf8)
    }

    static func text(_ random: inout SeededGenerator) -> String {
        (0..<Int(random.next() % 5)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
    }

    static func number(_ random: inout SeededGenerator) -> Double {
        switch random.next() % 6 {
        case 0: return Double(Int(random.next() % 2_000) - 1_000)
        case 1: return Double(random.next() % 100_000) / 100
        case 2: return Double(bitPattern: random.next() & 0x7FEF_FFFF_FFFF_FFFF) * (random.next() % 2 == 0 ? 1 : -1)
        case 3: return [0.0, -0.0, 1e16, 1e21, 1.5e-7, 1e-5, 123456789.125][Int(random.next() % 7)]
        case 4: return Double(random.next() % 1_000_000) * 1e-9
        default: return Double(random.next() % 1_000) * 1e15
        }
    }

    static func cell(_ random: inout SeededGenerator, depth: Int) -> JSONCell {
        switch random.next() % (depth > 2 ? 6 : 8) {
        case 0: return .text(text(&random))
        case 1: return .number(number(&random))
        case 2: return .integer(Int(truncatingIfNeeded: random.next()) >> Int(random.next() % 63))
        case 3: return .flag(random.next() % 2 == 0)
        case 4: return .null
        case 5: return .text(text(&random))
        case 6: return .list((0..<Int(random.next() % 4)).map { _ in cell(&random, depth: depth + 1) })
        default:
            var object: [String: JSONCell] = [:]
            for _ in 0..<Int(random.next() % 5) { object[text(&random)] = cell(&random, depth: depth + 1) }
            return .object(object)
        }
    }

    @Test("any value: the same bytes as JSONEncoder (600 random values)")
    func anyValue() throws {
        var random = SeededGenerator(seed: Self.seed)
        for round in 0..<600 {
            let value = Self.cell(&random, depth: 0)
            let fast = value.prettyPrinted
            let reference = try Self.reference(value)
            #expect(fast == reference, "seed \(Self.seed) (SIGNALS_SEED), round \(round):\n\(String(decoding: fast, as: UTF8.self))\n---\n\(String(decoding: reference, as: UTF8.self))")
            if fast != reference { return }
        }
    }

    @Test("rows of one shape (the price file's copy): the same bytes as JSONEncoder (200 random tables)")
    func rows() throws {
        var random = SeededGenerator(seed: Self.seed &+ 1)
        for round in 0..<200 {
            let keys = Array(Set((0..<Int(random.next() % 6)).map { _ in Self.text(&random) }))
            let table = (0..<Int(random.next() % 5)).map { _ in keys.map { _ in Self.cell(&random, depth: 2) } }
            let fast = JSONCell.prettyPrintedRows(count: table.count, keys: keys) { row, key in table[row][key] }
            let objects = JSONCell.list(table.map { row in .object(Dictionary(uniqueKeysWithValues: zip(keys, row))) })
            let reference = try Self.reference(objects)
            #expect(fast == reference, "seed \(Self.seed &+ 1) (SIGNALS_SEED), round \(round): keys \(keys)")
            if fast != reference { return }
        }
    }

    @Test("hand-checked: escapes, numbers without a trailing .0, slashes left alone")
    func handChecked() {
        let value = JSONCell.object(["b": .number(5), "a": .text("x/\"y\"\u{1}"), "c": .list([])])
        #expect(String(decoding: value.prettyPrinted, as: UTF8.self) == "{\n  \"a\" : \"x/\\\"y\\\"\\u0001\",\n  \"b\" : 5,\n  \"c\" : [\n\n  ]\n}\n")
    }
}
