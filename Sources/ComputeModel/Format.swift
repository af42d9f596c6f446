import Foundation

/// Plain-text number formatting shared by the site and the command line (no HTML).
public enum Format {
    /// Scientific notation with three significant figures: `3.79e25`, `2.66e7`.
    public static func scientific(_ value: Double, digits: Int = 3) -> String {
        guard value.isFinite else { return "\(value)" }
        guard value != 0 else { return "0" }
        let exponent = magnitude(value)
        var mantissa = value / power10(exponent)
        var exp = exponent
        let rounded = (mantissa * power10(digits - 1)).rounded() / power10(digits - 1)
        mantissa = rounded
        if abs(mantissa) >= 10 { mantissa /= 10; exp += 1 }
        return "\(trimmed(mantissa, maxFractionDigits: digits - 1))e\(exp)"
    }

    /// Large numbers in words with three significant figures: "26.6 million", "3.79 trillion"; small ones as digits.
    public static func words(_ value: Double) -> String {
        let scales: [(Double, String)] = [(1e15, "quadrillion"), (1e12, "trillion"), (1e9, "billion"), (1e6, "million")]
        for (scale, name) in scales where abs(value) >= scale {
            return "\(significant(value / scale, digits: 3)) \(name)"
        }
        return grouped(value, maxFractionDigits: abs(value) >= 100 ? 0 : 2)
    }

    /// US dollars: "$3.99" (cents below $1,000), "$61.7 million" for millions and more, "$0.0012" for tiny amounts.
    public static func usd(_ value: Double) -> String {
        let sign = value < 0 ? "-" : ""
        let magnitude = abs(value)
        if magnitude >= 1e6 { return "\(sign)$\(words(magnitude))" }
        if magnitude >= 1000 { return "\(sign)$\(grouped(magnitude, maxFractionDigits: 0))" }
        if magnitude > 0 && magnitude < 0.01 { return "\(sign)$\(significant(magnitude, digits: 2))" }
        return "\(sign)$" + String(format: "%.2f", magnitude)
    }

    /// Digits with thousands separators and at most `maxFractionDigits` decimals, trailing zeros dropped: "1,979", "494.5".
    public static func grouped(_ value: Double, maxFractionDigits: Int = 2) -> String {
        let text = trimmed(abs(value), maxFractionDigits: maxFractionDigits)
        let parts = text.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        var groups: [String] = []
        while integer.count > 3 {
            groups.insert(String(integer.suffix(3)), at: 0)
            integer.removeLast(3)
        }
        groups.insert(integer, at: 0)
        let sign = value < 0 ? "-" : ""
        return sign + groups.joined(separator: ",") + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// A percentage from a fraction: 0.4 → "40%".
    public static func percent(_ fraction: Double) -> String {
        "\(trimmed(fraction * 100, maxFractionDigits: 1))%"
    }

    /// `value` rounded to `digits` significant figures, without trailing zeros: 26.609 → "26.6".
    public static func significant(_ value: Double, digits: Int = 3) -> String {
        guard value != 0, value.isFinite else { return "0" }
        let decimals = max(0, digits - 1 - magnitude(value))
        return grouped(value, maxFractionDigits: decimals)
    }

    /// A value with its unit as a reader sees it.
    public static func figure(_ value: Double, unit: Unit) -> String {
        switch unit {
        case .usd: return usd(value)
        case .usdPerGPUHour: return "\(usd(value))/GPU-hour"
        case .usdPerHour: return "\(usd(value))/hour"
        case .usdPerPFLOPHour: return "\(usd(value))/PFLOP-hour"
        case .usdPerGBHour: return "\(usd(value))/GB-hour"
        case .usdPerTBsHour: return "\(usd(value))/(TB/s)-hour"
        case .usdPerKWh: return "\(usd(value))/kWh"
        case .usdPerMillionTokens: return "\(usd(value)) per 1M tokens"
        case .fraction: return percent(value)
        case .flops, .flopsPerSecond: return "\(scientific(value)) \(unit.rawValue)"
        case .ratio: return "\(significant(value))×"
        case .text: return words(value)
        case .count: return grouped(value, maxFractionDigits: 0)
        case .flopsPerByte: return "\(significant(value, digits: 3)) \(unit.rawValue)"
        default:
            let number = abs(value) >= 1e6 ? words(value) : (abs(value) >= 1 ? grouped(value, maxFractionDigits: 2) : significant(value, digits: 3))
            return unit.rawValue.isEmpty ? number : "\(number) \(unit.rawValue)"
        }
    }

    /// A number in a table cell whose row heading carries the unit (a `{compare}` table): dollars as `usd` writes them,
    /// FLOPs per byte to three significant figures, anything else grouped with up to three decimals. The page's
    /// calculator (calc.js, `cell`) formats the same way.
    public static func cell(_ value: Double, unit: Unit) -> String {
        if unit.rawValue.hasPrefix("USD") { return usd(value) }
        if unit == .flopsPerByte { return significant(value, digits: 3) }
        return grouped(value, maxFractionDigits: 3)
    }

    /// A derived value as a reader sees it: rounded to three significant figures unless it is exact (a whole number
    /// below 10¹⁵, such as 8 GPUs × 48 hours), then written as `figure` writes it; dollars below $1,000 without
    /// padding cents ("$806", "$12.3", "$0.0856"). The page's calculator (calc.js) formats the same way.
    public static func derived(_ value: Double, unit: Unit) -> String {
        guard value.isFinite else { return figure(value, unit: unit) }
        let exact = value == value.rounded() && abs(value) < 1e15
        let shown = exact ? value : roundedSignificant(value, digits: 3)
        let suffix: String
        switch unit {
        case .usd: suffix = ""
        case .usdPerGPUHour: suffix = "/GPU-hour"
        case .usdPerHour: suffix = "/hour"
        case .usdPerPFLOPHour: suffix = "/PFLOP-hour"
        case .usdPerKWh: suffix = "/kWh"
        case .usdPerMillionTokens: suffix = " per 1M tokens"
        default: return figure(shown, unit: unit)
        }
        let magnitude = abs(shown)
        let sign = shown < 0 ? "-" : ""
        let number = magnitude >= 1000 ? usd(magnitude) : "$" + (exact ? grouped(magnitude, maxFractionDigits: 0) : significant(magnitude, digits: 3))
        return sign + number + suffix
    }

    /// `value` rounded to `digits` significant figures as a number: 412,874.96 → 413,000; 0.085649 → 0.0856.
    public static func roundedSignificant(_ value: Double, digits: Int = 3) -> Double {
        guard value != 0, value.isFinite else { return value }
        let shift = digits - 1 - magnitude(value)
        if shift >= 0 { return (value * power10(shift)).rounded() / power10(shift) }
        return (value / power10(-shift)).rounded() * power10(-shift)
    }

    /// The decimal exponent of `value` (floor of log₁₀ |value|), checked against the power-of-ten table so that it is
    /// the same wherever log10 differs in its last bit (the page's script computes it the same way).
    public static func magnitude(_ value: Double) -> Int {
        let a = abs(value)
        guard a > 0, a.isFinite else { return 0 }
        var m = Int(floor(log10(a)))
        while m > -323, power10(m) > a { m -= 1 }
        while m < 308, power10(m + 1) <= a { m += 1 }
        return m
    }

    /// 10ⁿ as the nearest double (read from the decimal literal `1e<n>`, as JavaScript's `Number("1e"+n)` does).
    public static func power10(_ n: Int) -> Double {
        let clamped = min(max(n, -330), 310)
        return powersOfTen[clamped + 330]
    }

    private static let powersOfTen: [Double] = (-330...310).map { Double("1e\($0)") ?? 0 }

    private static func trimmed(_ value: Double, maxFractionDigits: Int) -> String {
        var text = String(format: "%.\(max(0, maxFractionDigits))f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" { text = "0" }
        return text
    }
}
