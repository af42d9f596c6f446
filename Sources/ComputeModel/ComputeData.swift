import Diagnostics
import Foundation

/// Everything in `content/data/`: accelerator specs, dated prices and assumptions, checked together.
public struct ComputeData: Sendable, Hashable, Codable {
    public var accelerators: [Accelerator] { didSet { reindex() } }
    /// Server CPUs from the optional `cpus.yaml`, for CPU-vs-GPU comparisons (empty without the file).
    public var cpus: [CPU]
    /// Sourced market facts from the optional `facts.yaml`, by name (empty without the file).
    public var facts: [String: Fact]
    public var prices: [PriceObservation] { didSet { reindex() } }
    public var assumptions: Assumptions
    /// The build date the data was checked against (no observation may be later).
    public var today: Day { didSet { reindex() } }
    /// `prices` grouped by accelerator and pricing type, sorted, with the current statistics of each group;
    /// rebuilt whenever the prices, accelerators or date change.
    public private(set) var priceIndex: PriceIndex
    /// The date that values a caller gives (a worked example's parameters, a flag) carry: a page's own date,
    /// so the build date never shows in content. Nil means `today` (the command line's `--as-of`).
    public var givenDate: Day?

    /// The as-of date of given inputs and overrides: `givenDate`, else `today`.
    public var givenAsOf: Day { givenDate ?? today }

    /// A copy whose given inputs carry `date` (nil: today).
    public func givingInputs(asOf date: Day?) -> ComputeData {
        var copy = self
        copy.givenDate = date
        return copy
    }

    /// File names inside the data directory.
    public static let acceleratorsFile = "accelerators.yaml"
    public static let pricesFile = "prices.csv"
    public static let assumptionsFile = "assumptions.yaml"
    /// Optional: server CPUs to compare GPUs with.
    public static let cpusFile = "cpus.yaml"
    /// Optional: sourced market facts the lessons quote.
    public static let factsFile = "facts.yaml"

    public init(accelerators: [Accelerator], cpus: [CPU] = [], facts: [String: Fact] = [:], prices: [PriceObservation],
                assumptions: Assumptions, today: Day) {
        self.accelerators = accelerators
        self.cpus = cpus
        self.facts = facts
        self.prices = prices
        self.assumptions = assumptions
        self.today = today
        priceIndex = PriceIndex(prices, names: Self.names(accelerators), today: today)
    }

    private mutating func reindex() {
        priceIndex = PriceIndex(prices, names: Self.names(accelerators), today: today)
    }

    private static func names(_ accelerators: [Accelerator]) -> [String: String] {
        Dictionary(accelerators.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    private enum CodingKeys: String, CodingKey {
        case accelerators, cpus, facts, prices, assumptions, today
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(accelerators: try container.decode([Accelerator].self, forKey: .accelerators),
                  cpus: try container.decode([CPU].self, forKey: .cpus), facts: try container.decode([String: Fact].self, forKey: .facts),
                  prices: try container.decode([PriceObservation].self, forKey: .prices),
                  assumptions: try container.decode(Assumptions.self, forKey: .assumptions), today: try container.decode(Day.self, forKey: .today))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(accelerators, forKey: .accelerators)
        try container.encode(cpus, forKey: .cpus)
        try container.encode(facts, forKey: .facts)
        try container.encode(prices, forKey: .prices)
        try container.encode(assumptions, forKey: .assumptions)
        try container.encode(today, forKey: .today)
    }

    /// Equal data: the index is derived from the rest, so it is not compared.
    public static func == (lhs: ComputeData, rhs: ComputeData) -> Bool {
        lhs.accelerators == rhs.accelerators && lhs.cpus == rhs.cpus && lhs.facts == rhs.facts && lhs.prices == rhs.prices
            && lhs.assumptions == rhs.assumptions && lhs.today == rhs.today
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(accelerators)
        hasher.combine(cpus)
        hasher.combine(facts)
        hasher.combine(prices)
        hasher.combine(assumptions)
        hasher.combine(today)
    }

    /// Loads and checks the three files in `dataDirectory` (and `cpus.yaml` when present), reporting every problem in all of them at once.
    ///
    /// - Parameters:
    ///   - dataDirectory: the folder holding accelerators.yaml, prices.csv and assumptions.yaml.
    ///   - today: the build date; observations dated later are errors.
    ///   - displayPrefix: how paths are printed in diagnostics (default: the directory's path as given).
    public static func load(from dataDirectory: URL, today: Date, displayPrefix: String? = nil) throws(DiagnosticList) -> ComputeData {
        let prefix = displayPrefix ?? dataDirectory.path
        func display(_ name: String) -> String { prefix.isEmpty ? name : (prefix.hasSuffix("/") ? prefix + name : prefix + "/" + name) }
        var diagnostics: [Diagnostic] = []
        func contents(_ name: String, optional: Bool = false) -> String? {
            let url = dataDirectory.appendingPathComponent(name)
            if optional && !FileManager.default.fileExists(atPath: url.path) { return nil }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                diagnostics.append(.error(at: SourceLocation(file: display(name)), "cannot read \(name): the file is missing or unreadable",
                                          hint: "the data folder must contain \(acceleratorsFile), \(pricesFile) and \(assumptionsFile)"))
                return nil
            }
            let text: String
            switch UTF8Text.decode(data) {
            case .success(let decoded): text = decoded
            case .failure(let bad):
                diagnostics.append(.error(at: SourceLocation(file: display(name), line: bad.line, column: 1), "the file is not valid UTF-8",
                                          hint: "save it as UTF-8 text"))
                return nil
            }
            return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        }
        let texts = (contents(acceleratorsFile), contents(pricesFile), contents(assumptionsFile))
        let cpuText = contents(cpusFile, optional: true)
        let factText = contents(factsFile, optional: true)
        guard let acceleratorText = texts.0, let priceText = texts.1, let assumptionText = texts.2 else {
            throw DiagnosticList(diagnostics)
        }
        let data: ComputeData
        do {
            data = try parse(accelerators: (display(acceleratorsFile), acceleratorText),
                             prices: (display(pricesFile), priceText),
                             assumptions: (display(assumptionsFile), assumptionText),
                             cpus: cpuText.map { (display(cpusFile), $0) }, facts: factText.map { (display(factsFile), $0) },
                             today: Day(today))
        } catch {
            throw DiagnosticList(diagnostics + error.diagnostics)
        }
        // An unreadable cpus.yaml is reported even when the other files are fine.
        if !diagnostics.isEmpty { throw DiagnosticList(diagnostics) }
        return data
    }

    /// Parses the files from text (each as path + contents; `cpus` and `facts` are optional), reporting every problem at once.
    public static func parse(accelerators: (path: String, contents: String), prices: (path: String, contents: String),
                             assumptions: (path: String, contents: String), cpus: (path: String, contents: String)? = nil,
                             facts: (path: String, contents: String)? = nil, today: Day) throws(DiagnosticList) -> ComputeData {
        let (acceleratorList, acceleratorProblems) = AcceleratorFile.read(path: accelerators.path, contents: accelerators.contents, today: today)
        let (cpuList, cpuProblems) = cpus.map { CPUFile.read(path: $0.path, contents: $0.contents, today: today, accelerators: acceleratorList) } ?? ([], [])
        let (factList, factProblems) = facts.map { FactFile.read(path: $0.path, contents: $0.contents, today: today) } ?? ([:], [])
        let (priceList, priceProblems) = PriceFile.read(path: prices.path, contents: prices.contents, today: today, accelerators: acceleratorList)
        let (assumptionSet, assumptionProblems) = AssumptionFile.read(path: assumptions.path, contents: assumptions.contents,
                                                                     today: today, accelerators: acceleratorList)
        // An accelerator whose entry has an error is left out; rows naming it are not errors of their own.
        let broken = acceleratorProblems.isEmpty ? [] : Set(AcceleratorFile.declaredIDs(in: accelerators.contents))
            .subtracting(acceleratorList.map(\.id))
        let cascading = { (diagnostic: Diagnostic) in
            broken.contains { diagnostic.message.hasPrefix("unknown accelerator id '\($0)'") }
        }
        let diagnostics = acceleratorProblems + (priceProblems + assumptionProblems).filter { !cascading($0) } + cpuProblems + factProblems
        if !diagnostics.isEmpty { throw DiagnosticList(diagnostics) }
        return ComputeData(accelerators: acceleratorList, cpus: cpuList, facts: factList, prices: priceList, assumptions: assumptionSet, today: today)
    }

    /// The accelerator with this id or alias, or an error whose message names the closest id.
    public func accelerator(id: String) throws(ModelError) -> Accelerator {
        try Self.lookup(id, in: accelerators, kind: "accelerator", id: \.id, names: \.names)
    }

    /// The item one of whose `names` is `id` (case-insensitive), or an error naming the closest item's id.
    static func lookup<Item>(_ id: String, in items: [Item], kind: String, id itemID: (Item) -> String,
                             names: (Item) -> [String]) throws(ModelError) -> Item {
        let wanted = id.lowercased()
        if let found = items.first(where: { names($0).contains(wanted) }) { return found }
        var byName: [String: String] = [:]
        for item in items { for name in names(item) { byName[name] = itemID(item) } }
        let closest = Suggestion.closest(to: wanted, in: byName.keys).flatMap { byName[$0] }
        throw ModelError.unknownName(kind: kind, name: id, known: items.map(itemID), suggestion: closest)
    }

    /// The newest observation date in the prices, if any (the site's "data as of").
    public var pricesAsOf: Day? { prices.lazy.map(\.date).max() }

    /// A copy with some assumptions replaced (see `Assumptions.overriding`).
    public func overriding(_ overrides: [String: Double], by who: String = "caller") throws(ModelError) -> ComputeData {
        var copy = self
        copy.assumptions = try assumptions.overriding(overrides, asOf: givenAsOf, by: who)
        return copy
    }
}
