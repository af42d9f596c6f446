import ComputeModel
import Foundation

/// A set of data records a directive read, so that a later build renders a page again exactly when one of
/// the records behind it changed.
///
/// Each directive declares its dependencies next to the code that reads the data; `fingerprints(of:)` is the
/// one place that says which records each dependency covers. A dependency may name one record (an
/// accelerator, an assumption) or a set that grows and shrinks with the data ("every price row of GPU g",
/// "every price row", "the list of accelerators"): a page that reads a set is rendered again when a row is
/// added to it, even for a (GPU, type) pair that had no row before.
public enum DataDependency: Hashable, Sendable, Comparable {
    /// One accelerator's entry (specs, names, aliases, sources).
    case accelerator(String)
    /// Every accelerator entry, in file order (ids, names, aliases): for anything that lists or names them all.
    case acceleratorList
    /// Every price row of one accelerator and pricing type.
    case prices(gpu: String, type: PricingType)
    /// Every price row of one accelerator, of any pricing type.
    case pricesOfGPU(String)
    /// Every price row of the file.
    case allPrices
    /// One assumption.
    case assumption(String)
    /// Every assumption (a worked example may read any of them).
    case assumptions
    /// One market fact of facts.yaml.
    case fact(String)
    /// One CPU of cpus.yaml.
    case cpu(String)
    /// Which pages show the figures of which price rows (`PricePages`): for a page that lists them. Its
    /// fingerprint is set by the builder once every other page is rendered, not by `fingerprints(of:)`.
    case pricePages

    /// The dependency's name in the build cache, e.g. `prices:h100-sxm:on-demand`.
    public var key: String {
        switch self {
        case .accelerator(let id): "accelerator:\(id)"
        case .acceleratorList: "accelerators"
        case .prices(let gpu, let type): "prices:\(gpu):\(type.rawValue)"
        case .pricesOfGPU(let gpu): "prices:\(gpu)"
        case .allPrices: "prices"
        case .assumption(let name): "assumption:\(name)"
        case .assumptions: "assumptions"
        case .fact(let name): "fact:\(name)"
        case .cpu(let id): "cpu:\(id)"
        case .pricePages: "price-pages"
        }
    }

    public static func < (left: DataDependency, right: DataDependency) -> Bool { left.key < right.key }

    /// A fingerprint of the records behind every dependency that `data` can satisfy, by key. A dependency
    /// whose records do not exist (an accelerator removed, a pair with no rows) is absent, which reads as 0:
    /// adding its first record changes the fingerprint too.
    static func fingerprints(of data: ComputeData) -> [String: UInt64] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        func hash(_ value: some Encodable) -> UInt64 {
            (try? encoder.encode(value)).map(StableHash.of) ?? 0
        }
        var result: [String: UInt64] = [:]
        for accelerator in data.accelerators {
            result[DataDependency.accelerator(accelerator.id).key] = hash(accelerator)
        }
        result[DataDependency.acceleratorList.key] = hash(data.accelerators)
        for cpu in data.cpus {
            result[DataDependency.cpu(cpu.id).key] = hash(cpu)
        }
        for (name, fact) in data.facts {
            result[DataDependency.fact(name).key] = hash(fact)
        }
        // Each (GPU, type) group in its history order (a total order, so independent of the rows' order in
        // the file), one hash per row; the GPU and whole-file hashes combine the group hashes in key order.
        // Nothing per row but the hash of its own fields: linear in the rows, with no dictionary lookups.
        let keys = data.priceIndex.keys.sorted { ($0.gpu, $0.type.rawValue) < ($1.gpu, $1.type.rawValue) }
        var byGPU: [String: StableHash] = [:]
        var all = StableHash()
        for key in keys {
            var pair = StableHash()
            for row in data.priceIndex.observations(gpu: key.gpu, type: key.type) { pair.add(rowHash(row)) }
            result[DataDependency.prices(gpu: key.gpu, type: key.type).key] = pair.value
            byGPU[key.gpu, default: StableHash()].add(pair.value)
            all.add(pair.value)
        }
        for (gpu, hash) in byGPU { result[DataDependency.pricesOfGPU(gpu).key] = hash.value }
        result[DataDependency.allPrices.key] = all.value
        for (name, assumption) in data.assumptions.values {
            result[DataDependency.assumption(name).key] = hash(assumption)
        }
        result[DataDependency.assumptions.key] = hash(data.assumptions)
        return result
    }

    /// What a price row's fingerprint covers: every field, the line included (rows are many, so no JSON here).
    private static func rowHash(_ row: PriceObservation) -> UInt64 {
        var hash = StableHash()
        hash.add(row.date.description)
        for text in [row.provider, row.offer, row.gpu, row.type.rawValue, row.region, row.sourceURL, row.source,
                     row.confidence.rawValue, row.note] {
            hash.add(text)
        }
        hash.add(row.gpus)
        hash.add(row.usdPerInstanceHour.bitPattern)
        hash.add(UInt64(row.line))
        return hash.value
    }
}

extension DataDependency {
    /// The dependency a cache key names (the inverse of `key`), or nil for an unknown key.
    init?(key: String) {
        let parts = key.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        switch (parts.first ?? "", parts.count) {
        case ("accelerator", 2): self = .accelerator(parts[1])
        case ("accelerators", 1): self = .acceleratorList
        case ("prices", 3):
            guard let type = PricingType(rawValue: parts[2]) else { return nil }
            self = .prices(gpu: parts[1], type: type)
        case ("prices", 2): self = .pricesOfGPU(parts[1])
        case ("prices", 1): self = .allPrices
        case ("assumption", 2): self = .assumption(parts[1])
        case ("assumptions", 1): self = .assumptions
        case ("fact", 2): self = .fact(parts[1])
        case ("cpu", 2): self = .cpu(parts[1])
        case ("price-pages", 1): self = .pricePages
        default: return nil
        }
    }

    /// Whether a price row belongs to this dependency's records (false for dependencies on other files).
    func covers(_ row: PriceObservation) -> Bool {
        switch self {
        case .prices(let gpu, let type): row.gpu == gpu && row.type == type
        case .pricesOfGPU(let gpu): row.gpu == gpu
        case .allPrices: true
        default: false
        }
    }

    /// What changed between two versions of the data, for every dependency whose records differ: the price rows
    /// added or changed (`Lambda, 2026-12-01, $2.49/GPU-hour`), removed (`removed: …`), or the record by name.
    static func changes(from old: ComputeData, to new: ComputeData) -> [String: [String]] {
        let before = fingerprints(of: old), after = fingerprints(of: new)
        func signature(_ row: PriceObservation) -> String { "\(row.id)|\(row.gpus)|\(row.usdPerInstanceHour)" }
        func describe(_ row: PriceObservation) -> String {
            "\(row.provider), \(row.date), \(Format.usd(row.usdPerGPUHour))/GPU-hour"
        }
        let oldSignatures = Set(old.prices.map(signature)), newIDs = Set(new.prices.map(\.id))
        let added = new.prices.filter { !oldSignatures.contains(signature($0)) }.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        let removed = old.prices.filter { !newIDs.contains($0.id) }.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        let assumptionNames = Set(old.assumptions.values.keys).union(new.assumptions.values.keys).sorted()
            .filter { old.assumptions.values[$0] != new.assumptions.values[$0] }
        var result: [String: [String]] = [:]
        for key in Set(before.keys).union(after.keys).sorted() where before[key] != after[key] {
            guard let dependency = DataDependency(key: key) else { continue }
            switch dependency {
            case .prices, .pricesOfGPU, .allPrices:
                result[key] = added.filter(dependency.covers).map(describe) + removed.filter(dependency.covers).map { "removed: " + describe($0) }
            case .accelerator(let id): result[key] = ["accelerators.yaml: \(id)"]
            case .acceleratorList: result[key] = ["accelerators.yaml: the list of accelerators"]
            case .assumption(let name): result[key] = ["assumption \(name)"]
            case .assumptions: result[key] = assumptionNames.map { "assumption \($0)" }
            case .fact(let name): result[key] = ["fact \(name)"]
            case .cpu(let id): result[key] = ["cpus.yaml: \(id)"]
            case .pricePages: break
            }
        }
        return result
    }
}
