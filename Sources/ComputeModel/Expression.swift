import Foundation

/// A formula as data: arithmetic over named inputs and constants, written once as text (`6 * params * tokens`)
/// and executed by two evaluators that must agree: `evaluate(_:)` here (the build) and the page's script
/// (`templates/static/js/calc.js`), which reads the JSON form (`json`).
///
/// Operators: `+ - * /` (left-associative, `*` and `/` before `+` and `-`), parentheses, `sqrt(x)`. Numbers are
/// decimal literals (`3600`, `1e12`, `0.5`). Names are letters, digits and `_`. The evaluation order is exactly the
/// written one, so the same text gives the same IEEE-754 result in Swift and in JavaScript.
public indirect enum Expression: Sendable, Hashable {
    case input(String)
    case constant(Double)
    case add(Expression, Expression)
    case subtract(Expression, Expression)
    case multiply(Expression, Expression)
    case divide(Expression, Expression)
    case squareRoot(Expression)

    /// Parses `text`; the error names the position and what was expected there.
    public init(_ text: String) throws(ModelError) {
        var parser = ExpressionParser(text: Array(text.unicodeScalars))
        self = try parser.parseAll()
    }

    /// The value with `inputs` bound by name; an unknown name throws.
    public func evaluate(_ inputs: [String: Double]) throws(ModelError) -> Double {
        switch self {
        case .input(let name):
            guard let value = inputs[name] else { throw ModelError.missing("formula input '\(name)' has no value") }
            return value
        case .constant(let value): return value
        case .add(let a, let b): return try a.evaluate(inputs) + b.evaluate(inputs)
        case .subtract(let a, let b): return try a.evaluate(inputs) - b.evaluate(inputs)
        case .multiply(let a, let b): return try a.evaluate(inputs) * b.evaluate(inputs)
        case .divide(let a, let b): return try a.evaluate(inputs) / b.evaluate(inputs)
        case .squareRoot(let a): return try a.evaluate(inputs).squareRoot()
        }
    }

    /// The names the formula reads, in order of first use.
    public var inputNames: [String] {
        var names: [String] = []
        func walk(_ e: Expression) {
            switch e {
            case .input(let name): if !names.contains(name) { names.append(name) }
            case .constant: break
            case .add(let a, let b), .subtract(let a, let b), .multiply(let a, let b), .divide(let a, let b): walk(a); walk(b)
            case .squareRoot(let a): walk(a)
            }
        }
        walk(self)
        return names
    }

    /// Compact JSON for the page's evaluator: `["in","gpus"]`, `["k",3600]`, `["*",a,b]`, `["sqrt",a]`.
    public var json: String {
        switch self {
        case .input(let name): return "[\"in\",\"\(name)\"]"
        case .constant(let value): return "[\"k\",\(Self.number(value))]"
        case .add(let a, let b): return "[\"+\",\(a.json),\(b.json)]"
        case .subtract(let a, let b): return "[\"-\",\(a.json),\(b.json)]"
        case .multiply(let a, let b): return "[\"*\",\(a.json),\(b.json)]"
        case .divide(let a, let b): return "[\"/\",\(a.json),\(b.json)]"
        case .squareRoot(let a): return "[\"sqrt\",\(a.json)]"
        }
    }

    /// A JSON number that reads back as exactly `value` (shortest round-trip form).
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

private struct ExpressionParser {
    let text: [Unicode.Scalar]
    var position = 0

    mutating func parseAll() throws(ModelError) -> Expression {
        let result = try sum()
        skipSpaces()
        guard position == text.count else { throw failure("expected an operator") }
        return result
    }

    mutating func sum() throws(ModelError) -> Expression {
        var left = try product()
        while true {
            skipSpaces()
            if accept("+") { left = .add(left, try product()) } else if accept("-") { left = .subtract(left, try product()) } else { return left }
        }
    }

    mutating func product() throws(ModelError) -> Expression {
        var left = try atom()
        while true {
            skipSpaces()
            if accept("*") { left = .multiply(left, try atom()) } else if accept("/") { left = .divide(left, try atom()) } else { return left }
        }
    }

    mutating func atom() throws(ModelError) -> Expression {
        skipSpaces()
        guard position < text.count else { throw failure("expected a number, a name or '('") }
        if accept("(") {
            let inner = try sum()
            skipSpaces()
            guard accept(")") else { throw failure("expected ')'") }
            return inner
        }
        let start = position
        let c = text[position]
        if c.properties.numericType != nil || c == "." {
            while position < text.count, text[position].properties.numericType != nil || text[position] == "." { position += 1 }
            if position < text.count, text[position] == "e" || text[position] == "E" {
                position += 1
                if position < text.count, text[position] == "-" || text[position] == "+" { position += 1 }
                while position < text.count, text[position].properties.numericType != nil { position += 1 }
            }
            let literal = String(String.UnicodeScalarView(text[start..<position]))
            guard let value = Double(literal) else { throw failure("'\(literal)' is not a number") }
            return .constant(value)
        }
        while position < text.count, text[position].properties.isAlphabetic || text[position] == "_"
                || (position > start && text[position].properties.numericType != nil) { position += 1 }
        guard position > start else { throw failure("expected a number, a name or '('") }
        let name = String(String.UnicodeScalarView(text[start..<position]))
        skipSpaces()
        if name == "sqrt", accept("(") {
            let inner = try sum()
            skipSpaces()
            guard accept(")") else { throw failure("expected ')'") }
            return .squareRoot(inner)
        }
        return .input(name)
    }

    mutating func accept(_ c: Unicode.Scalar) -> Bool {
        guard position < text.count, text[position] == c else { return false }
        position += 1
        return true
    }

    mutating func skipSpaces() {
        while position < text.count, text[position] == " " { position += 1 }
    }

    func failure(_ what: String) -> ModelError {
        .invalid("formula '\(String(String.UnicodeScalarView(text)))': \(what) at character \(position + 1)")
    }
}
