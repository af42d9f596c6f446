/// One number (or spec text) together with its unit and where it comes from.
///
/// Figures read from the data files carry their source; figures computed by this module carry
/// `formula` (the calculation in words) and `inputs` (the figures it used, each with its own provenance),
/// so a page can show "how we got this".
public struct Figure: Hashable, Sendable, Codable {
    /// What the figure is, e.g. "BF16 dense peak" or "GPU-hours".
    public var label: String
    public var quantity: Quantity
    public var unit: Unit
    public var provenance: Provenance
    /// The calculation in words, for computed figures.
    public var formula: String?
    /// The figures the calculation used.
    public var inputs: [Figure]

    public init(_ label: String, _ quantity: Quantity, _ unit: Unit, provenance: Provenance,
                formula: String? = nil, inputs: [Figure] = []) {
        self.label = label
        self.quantity = quantity
        self.unit = unit
        self.provenance = provenance
        self.formula = formula
        self.inputs = inputs
    }

    /// A sourced number.
    public init(_ label: String, value: Double, _ unit: Unit, provenance: Provenance) {
        self.init(label, .number(value), unit, provenance: provenance)
    }

    /// A number computed from `inputs`; its as-of date is the newest input's.
    public static func derived(_ label: String, value: Double, _ unit: Unit, formula: String,
                               inputs: [Figure], note: String? = nil) -> Figure {
        let asOf = inputs.map(\.provenance.asOf).max() ?? Day(year: 2000, month: 1, day: 1)!
        return Figure(label, .number(value), unit, provenance: .derived(asOf: asOf, note: note),
                      formula: formula, inputs: inputs)
    }

    private enum CodingKeys: String, CodingKey {
        case label, value, text, notAvailable, unit, formatted, provenance, formula, inputs
    }

    /// JSON: `{"label", "value" | "text" | "notAvailable", "unit", "formatted", "provenance", "formula"?, "inputs"?}`.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(label, forKey: .label)
        switch quantity {
        case .number(let value): try container.encode(value, forKey: .value)
        case .text(let text): try container.encode(text, forKey: .text)
        case .notAvailable(let reason): try container.encode(reason, forKey: .notAvailable)
        }
        try container.encode(unit, forKey: .unit)
        try container.encode(formatted, forKey: .formatted)
        try container.encode(provenance, forKey: .provenance)
        try container.encodeIfPresent(formula, forKey: .formula)
        if !inputs.isEmpty { try container.encode(inputs, forKey: .inputs) }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        label = try container.decode(String.self, forKey: .label)
        if let value = try container.decodeIfPresent(Double.self, forKey: .value) {
            quantity = .number(value)
        } else if let text = try container.decodeIfPresent(String.self, forKey: .text) {
            quantity = .text(text)
        } else {
            quantity = .notAvailable(try container.decode(String.self, forKey: .notAvailable))
        }
        unit = try container.decode(Unit.self, forKey: .unit)
        provenance = try container.decode(Provenance.self, forKey: .provenance)
        formula = try container.decodeIfPresent(String.self, forKey: .formula)
        inputs = try container.decodeIfPresent([Figure].self, forKey: .inputs) ?? []
    }

    /// The numeric value, or nil for text or a value that does not exist.
    public var value: Double? {
        if case .number(let value) = quantity { return value }
        return nil
    }

    /// The same figure under another label (e.g. "price" instead of "median on-demand price").
    public func labelled(_ label: String) -> Figure {
        var copy = self
        copy.label = label
        return copy
    }

    /// The value with its unit, formatted for reading: "989 TFLOPS", "$3.99/GPU-hour", "HBM3e".
    public var formatted: String {
        switch quantity {
        case .text(let text): return text
        case .notAvailable(let reason): return "n/a (\(reason))"
        case .number(let value): return Format.figure(value, unit: unit)
        }
    }
}

/// The value part of a figure.
public enum Quantity: Hashable, Sendable {
    case number(Double)
    /// A spec that is words, such as a memory type.
    case text(String)
    /// The figure does not exist or was not gathered; the reason says which ("no FP8 support", "not gathered").
    case notAvailable(String)
}
