import Diagnostics

/// The defaults behind the calculations (MFU, PUE, electricity price, …), each sourced and dated,
/// each overridable by a caller.
public struct Assumptions: Sendable, Hashable, Codable {
    /// By name, e.g. `mfu`, `pue`, `purchase-price.h100-sxm`.
    public var values: [String: Assumption]

    public init(_ values: [String: Assumption]) {
        self.values = values
    }

    /// Names every model needs; loading fails when one is missing.
    public static let requiredNames = ["mfu", "pue", "server-overhead", "power-draw-fraction", "electricity-price",
                                       "utilization", "depreciation-years", "tokens-per-parameter"]

    /// The assumption named `name`, or an error naming the closest one.
    public func assumption(_ name: String) throws(ModelError) -> Assumption {
        if let assumption = values[name] { return assumption }
        throw ModelError.unknownName(kind: "assumption", name: name, known: values.keys.sorted())
    }

    /// The assumption's figure (shorthand for `assumption(name).figure`).
    public func figure(_ name: String) throws(ModelError) -> Figure {
        try assumption(name).figure
    }

    /// The purchase price assumed for one accelerator, if the data has one.
    public func purchasePrice(gpu: String) -> Assumption? {
        values["purchase-price.\(gpu)"]
    }

    /// A copy where `overrides` (name → value) replace the defaults; each replaced figure says who set it.
    /// Unknown names are an error (with the closest name), so a typo cannot silently keep the default.
    public func overriding(_ overrides: [String: Double], asOf: Day, by who: String = "caller") throws(ModelError) -> Assumptions {
        var copy = self
        for (name, value) in overrides.sorted(by: { $0.key < $1.key }) {
            var assumption: Assumption
            if let existing = values[name] {
                assumption = existing
            } else if name.hasPrefix("purchase-price.") {
                assumption = Assumption(name: name, figure: Figure("purchase price", value: value, .usd, provenance: .override(asOf: asOf, by: who)))
            } else {
                throw ModelError.unknownName(kind: "assumption", name: name, known: values.keys.sorted())
            }
            assumption.figure.quantity = .number(value)
            assumption.figure.provenance = .override(asOf: asOf, by: who)
            copy.values[name] = assumption
        }
        return copy
    }
}

/// One named assumption and its sourced figure.
public struct Assumption: Sendable, Hashable, Codable, Identifiable {
    /// Stable identity, e.g. `mfu`.
    public var name: String
    public var figure: Figure
    /// The line in assumptions.yaml where it is defined (0 when set by a caller).
    public var line: Int = 0

    public var id: String { name }
    public var value: Double { figure.value ?? 0 }
}
