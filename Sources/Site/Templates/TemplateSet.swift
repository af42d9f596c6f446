import Diagnostics
import Foundation
import Mustache

/// The Mustache templates of `templates/`, parsed once, checked for missing partials and inheritance loops.
public struct TemplateSet: Sendable {
    public let library: MustacheLibrary
    /// Template names (path inside `templates/` without `.mustache`), sorted.
    public let names: Set<String>
    /// Which templates each template includes or extends, directly.
    let references: [String: [String]]
    /// A fingerprint of every template's source.
    let sourceHash: UInt64

    /// Loads every `*.mustache` under `directory` (but not under `static/`). All problems are reported together.
    /// `files`: the folder's walked listing when the caller has it (links resolved and checked); otherwise the
    /// folder is walked here, reading nothing outside it.
    public static func load(directory: URL, label: String = "templates", files: [WalkedFile]? = nil) -> Result<TemplateSet, DiagnosticList> {
        var sources: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        let templateFiles = (files ?? FolderWalker.files(in: directory))
            .filter { $0.path.hasSuffix(".mustache") && !$0.path.hasPrefix("static/") }
        for template in templateFiles {
            let path = template.path
            let file = "\(label)/\(path)"
            guard let data = FileManager.default.contents(atPath: template.source),
                  let text = String(validating: data, as: UTF8.self) else {
                diagnostics.append(.error(at: SourceLocation(file: file), "cannot read the template as UTF-8 text"))
                continue
            }
            sources[String(path.dropLast(".mustache".count))] = text
        }
        switch parse(sources, label: label) {
        case .success(let set) where diagnostics.isEmpty: return .success(set)
        case .success: return .failure(DiagnosticList(diagnostics))
        case .failure(let list): return .failure(DiagnosticList(diagnostics + list.diagnostics))
        }
    }

    /// Parses templates given as name → text (pure: no file access).
    public static func parse(_ sources: [String: String], label: String = "templates") -> Result<TemplateSet, DiagnosticList> {
        var diagnostics: [Diagnostic] = []
        var templates: [String: MustacheTemplate] = [:]
        var references: [String: [(name: String, location: SourceLocation)]] = [:]
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            let file = "\(label)/\(name).mustache"
            do {
                templates[name] = try MustacheTemplate(string: text)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(.error(
                    at: SourceLocation(file: file, line: error.context.lineNumber, column: error.context.columnNumber),
                    "template syntax error: \(describe(error.error))",
                    hint: "check that every {{#section}} and {{$block}} is closed with a matching {{/name}}"))
            } catch {
                diagnostics.append(.error(at: SourceLocation(file: file), "template syntax error: \(error)"))
            }
            references[name] = scanReferences(text, file: file)
        }
        for (name, refs) in references.sorted(by: { $0.key < $1.key }) {
            for ref in refs where sources[ref.name] == nil {
                let hint = Suggestion.closest(to: ref.name, in: sources.keys).map { "did you mean '\($0)'?" }
                    ?? "create templates/\(ref.name).mustache"
                diagnostics.append(.error(at: ref.location, "template '\(name)' uses '\(ref.name)', which does not exist", hint: hint))
            }
        }
        let graph = references.mapValues { $0.map(\.name) }
        for name in graph.keys.sorted() {
            if let cycle = findCycle(from: name, graph: graph), cycle.first == name {
                let location = references[name]?.first { $0.name == cycle.dropFirst().first }?.location
                    ?? SourceLocation(file: "\(label)/\(name).mustache")
                diagnostics.append(.error(at: location, "templates include each other in a loop: \(cycle.joined(separator: " → "))",
                                          hint: "a template must not include or extend itself, directly or through others"))
            }
        }
        guard diagnostics.isEmpty else { return .failure(DiagnosticList(diagnostics)) }
        var hash = StableHash()
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) { hash.add(name); hash.add(text) }
        return .success(TemplateSet(library: MustacheLibrary(templates: templates), names: Set(sources.keys), references: graph,
                                    sourceHash: hash.value))
    }

    /// Every template `name` depends on, itself included (through partials and inheritance).
    public func closure(of name: String) -> Set<String> {
        var seen: Set<String> = []
        var stack = [name]
        while let next = stack.popLast() {
            guard seen.insert(next).inserted else { continue }
            stack += references[next] ?? []
        }
        return seen
    }

    /// Cached partials (Hugo's `partialCached`): `templates/partials/cached/<name>.mustache` sees only `site`, `nav`
    /// and `path`, so it is rendered once per section and pages include the result with `{{{cached.<name>}}}`.
    static let cachedFolder = "partials/cached/"
    static let cachedPrefix = "cached."

    /// The names (`nav`) of the cached partials.
    public var cachedPartials: [String] {
        names.filter { $0.hasPrefix(Self.cachedFolder) }.map { String($0.dropFirst(Self.cachedFolder.count)) }.sorted()
    }

    /// Renders `context` with template `name`.
    public func render(_ context: Any, template name: String) -> String? {
        library.render(context, withTemplate: name)
    }

    private static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: return "a closing tag does not match the section it closes"
        case .unfinishedName: return "a tag is not closed with '}}'"
        case .expectedSectionEnd: return "a section is never closed (missing {{/name}})"
        case .invalidSetDelimiter: return "bad set-delimiter tag"
        case .transformAppliedToInheritanceSection: return "a transform cannot apply to an inheritance section"
        case .illegalTokenInsideInheritSection: return "only {{$block}} overrides may appear inside {{<parent}}"
        case .textInsideInheritSection: return "text is not allowed inside {{<parent}} except in {{$block}} overrides"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable: return "bad configuration tag"
        case nil: return "\(error)"
        }
    }

    private static func scanReferences(_ text: String, file: String) -> [(name: String, location: SourceLocation)] {
        var result: [(String, SourceLocation)] = []
        for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let afterOpen = rest[open.upperBound...].drop { $0 == " " }
                // `{{{cached.nav}}}` includes the cached partial templates/partials/cached/nav.mustache.
                let variable = afterOpen.drop { $0 == "{" || $0 == "&" || $0 == " " }
                if variable.hasPrefix(Self.cachedPrefix), let end = variable.firstIndex(where: { $0 == "}" || $0 == " " }) {
                    let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                    let name = Self.cachedFolder + variable[variable.index(variable.startIndex, offsetBy: Self.cachedPrefix.count)..<end]
                    result.append((name, SourceLocation(file: file, line: lineIndex + 1, column: column)))
                    rest = variable[end...]
                    continue
                }
                guard let marker = afterOpen.first, marker == ">" || marker == "<",
                      let close = afterOpen.range(of: "}}") else {
                    rest = rest[open.upperBound...]
                    continue
                }
                let name = afterOpen[afterOpen.index(after: afterOpen.startIndex)..<close.lowerBound]
                    .trimmingCharacters(in: .whitespaces)
                let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                result.append((name, SourceLocation(file: file, line: lineIndex + 1, column: column)))
                rest = afterOpen[close.upperBound...]
            }
        }
        return result
    }

    private static func findCycle(from start: String, graph: [String: [String]]) -> [String]? {
        var path: [String] = []
        var onPath: Set<String> = []
        var done: Set<String> = []
        func visit(_ node: String) -> [String]? {
            if onPath.contains(node) {
                return Array(path[(path.firstIndex(of: node) ?? 0)...]) + [node]
            }
            if done.contains(node) { return nil }
            path.append(node)
            onPath.insert(node)
            for next in graph[node] ?? [] {
                if let cycle = visit(next) { return cycle }
            }
            path.removeLast()
            onPath.remove(node)
            done.insert(node)
            return nil
        }
        return visit(start)
    }
}
