import Foundation
import Testing
@testable import Site

/// Bad directives, templates, links and paths: each case's exact errors, the run's other error too, exit 1,
/// public/ unchanged.
@Suite("Catalogue: directives, templates, links, paths")
struct PageCatalogue {
    static func page(_ path: String, _ body: String) -> String {
        "-- content/\(path) --\n---\ntitle: X\n---\n\(body)\n"
    }

    // MARK: - Directives

    @Test("unknown directive name, with the closest name")
    func unknownDirective() throws {
        let outcome = try CatalogueSite().breakWith(Self.page("learn/x.md", "```{price}\ngpu: h100-sxm\n```"))
        #expect(outcome.lines == ["content/learn/x.md:4:1: error: unknown directive '{price}'"])
        #expect(outcome.diagnostics.first?.hint?.hasPrefix("did you mean '{prices}'?") == true)
    }

    @Test("bad YAML in a directive body is reported at its line in the page")
    func directiveBadYAML() throws {
        let outcome = try CatalogueSite().breakWith(Self.page("learn/x.md", "Intro.\n\n```{prices}\ngpu: [h100-sxm\ntype: on-demand\n```"))
        #expect(outcome.lines.contains("content/learn/x.md:8:5: error: invalid YAML: did not find expected ',' or ']'"))
    }

    @Test("bad YAML in a directive body is the only error of that directive")
    func directiveBadYAMLAlone() throws {
        let outcome = try CatalogueSite().breakWith(Self.page("learn/x.md", "Intro.\n\n```{prices}\ngpu: [h100-sxm\ntype: on-demand\n```"))
        #expect(outcome.lines == ["content/learn/x.md:8:5: error: invalid YAML: did not find expected ',' or ']'"])
    }

    @Test("unknown accelerator id and pricing type, with suggestions")
    func directiveUnknownIds() throws {
        let outcome = try CatalogueSite().breakWith(Self.page("learn/x.md", "```{prices}\ngpu: h100-sx\ntype: on-demnd\n```"))
        #expect(outcome.lines == [
            "content/learn/x.md:5:6: error: unknown accelerator 'h100-sx'",
            "content/learn/x.md:6:7: error: unknown pricing type 'on-demnd'",
        ].sorted())
        #expect(outcome.diagnostics.map { $0.hint?.components(separatedBy: "?").first ?? "" } == ["did you mean 'h100-sxm'", "did you mean 'on-demand'"])
    }

    @Test("unknown and missing directive parameters")
    func directiveParameters() throws {
        let outcome = try CatalogueSite().breakWith(Self.page("learn/x.md", "```{prices}\ngpus: h100-sxm\n```"))
        #expect(outcome.lines == [
            "content/learn/x.md:4:1: error: missing parameter 'gpu'",
            "content/learn/x.md:5:1: error: unknown '{prices}' parameter key 'gpus'",
        ])
    }

    @Test("inline figures: unknown kind, unknown id, unknown parameter")
    func inlineFigures() throws {
        let outcome = try CatalogueSite().breakWith(Self.page("learn/x.md", "A `{prise gpu=h100-sxm}` and `{price gpu=b300}` and\n`{spec gpu=h100-sxm feld=memory}`."))
        #expect(outcome.lines == [
            "content/learn/x.md:4:4: error: unknown inline figure '{prise …}'",
            "content/learn/x.md:4:31: error: unknown accelerator 'b300'",
            "content/learn/x.md:5:2: error: missing parameter 'field'",
            "content/learn/x.md:5:2: error: unknown parameter 'feld' for '{spec …}'",
        ])
    }

    // MARK: - Templates

    @Test("missing partial")
    func missingPartial() throws {
        let outcome = try CatalogueSite().breakWith("-- templates/lesson.mustache --\n<h1>{{page.title}}</h1>\n{{> partials/footer}}\n")
        #expect(outcome.lines == ["templates/lesson.mustache:2:1: error: template 'lesson' uses 'partials/footer', which does not exist"])
    }

    @Test("unclosed section")
    func unclosedSection() throws {
        let outcome = try CatalogueSite().breakWith("-- templates/lesson.mustache --\n<h1>{{page.title}}</h1>\n{{#page.related}}\n<a>{{title}}</a>\n")
        #expect(outcome.lines == ["templates/lesson.mustache:5:1: error: template syntax error: a section is never closed (missing {{/name}})"])
    }

    @Test("inheritance loop")
    func inheritanceLoop() throws {
        let outcome = try CatalogueSite().breakWith("-- templates/base.mustache --\n{{<lesson}}{{/lesson}}\n")
        #expect(outcome.lines == [
            "templates/base.mustache:1:1: error: templates include each other in a loop: base → lesson → base",
            "templates/lesson.mustache:1:1: error: templates include each other in a loop: lesson → base → lesson",
        ])
    }

    @Test("a layout that does not exist")
    func unknownLayout() throws {
        let outcome = try CatalogueSite().breakWith("-- content/learn/x.md --\n---\ntitle: X\nlayout: wide\n---\nx\n")
        #expect(outcome.lines == ["content/learn/x.md:3:9: error: unknown layout 'wide': there is no templates/wide.mustache"])
    }

    // MARK: - Links

    @Test("link to a missing page, with the closest page")
    func missingPage() throws {
        let outcome = try CatalogueSite().breakWith(Self.page("learn/x.md", "See [it](gpu-hours.md) and [that](../learn/prices/x/)."))
        #expect(outcome.lines == [
            "content/learn/x.md:4:10: error: link to a missing page 'gpu-hours.md' (no content/learn/gpu-hours.md)",
            "content/learn/x.md:4:35: error: link to a missing page or file '../learn/prices/x/' (nothing is built at /learn/learn/prices/x/)",
        ])
        #expect(outcome.diagnostics.first?.hint == "did you mean 'learn/gpu-hour.md'? (paths are relative to content/)")
    }

    @Test("link to a missing anchor, with the closest anchor")
    func missingAnchor() throws {
        let outcome = try CatalogueSite().breakWith(Self.page("learn/x.md", "See [it](gpu-hour.md#formulas)."))
        #expect(outcome.lines == ["content/learn/x.md:4:10: error: link to a missing anchor '#formulas' in content/learn/gpu-hour.md"])
        #expect(outcome.diagnostics.first?.hint == "did you mean '#formula'?")
    }

    @Test("links out of the site folder")
    func outOfSite() throws {
        let outcome = try CatalogueSite().breakWith(Self.page("learn/x.md", "[a](../../../etc/passwd.md) [b](../../../../etc/)"))
        #expect(outcome.lines == [
            "content/learn/x.md:4:5: error: link '../../../etc/passwd.md' points outside the content folder",
            "content/learn/x.md:4:33: error: link '../../../../etc/' points outside the site",
        ])
    }

    @Test("related page and reading-path entry that do not exist")
    func missingReferences() throws {
        let outcome = try CatalogueSite().breakWith(
            "-- content/site.yaml --\ntitle: Catalogue\npath: [learn/gpu-hour.md, learn/nope.md]\n"
            + "-- content/learn/x.md --\n---\ntitle: X\nrelated: [learn/prices.md, learn/gpu-hours.md]\n---\nx\n")
        #expect(outcome.lines == [
            "content/learn/x.md:3:28: error: related page 'learn/gpu-hours.md' does not exist",
            "content/site.yaml:2:27: error: the reading path names 'learn/nope.md', which is not a page",
        ])
    }

    // MARK: - Paths

    @Test("a page and a folder mapping to the same URL")
    func pageAndFolder() throws {
        let outcome = try CatalogueSite().breakWith("-- content/learn/gpu-hour/_index.md --\n---\ntitle: GPU-hour section\n---\nx\n")
        #expect(outcome.lines == [
            "content/learn/gpu-hour/_index.md:1:1: error: content/learn/gpu-hour/_index.md and content/learn/gpu-hour.md both map to the URL /learn/gpu-hour/",
        ])
    }

    @Test("two files with the same slug (the same name in NFC and NFD)")
    func sameSlug() throws {
        let outcome = try CatalogueSite().breakWith(
            "-- content/learn/caf\u{E9}.md --\n---\ntitle: One\n---\nx\n-- content/learn/cafe\u{301}.md --\n---\ntitle: Two\n---\ny\n")
        #expect(outcome.lines.count == 1)
        #expect(outcome.lines.first?.hasSuffix("both map to the URL /learn/caf\u{E9}/") == true)
    }

    @Test("bad settings: unknown key, bad baseURL, bad brokenLinks")
    func badSettings() throws {
        let outcome = try CatalogueSite().breakWith("-- content/site.yaml --\ntitle: Catalogue\nbaseurl: x\nbaseURL: catalogue.example\nbrokenLinks: maybe\n")
        #expect(outcome.lines == [
            "content/site.yaml:2:1: error: unknown site setting key 'baseurl'",
            "content/site.yaml:3:10: error: 'baseURL' must be an absolute http(s) URL, got 'catalogue.example'",
            "content/site.yaml:4:14: error: 'brokenLinks' must be 'error' or 'warning', got 'maybe'",
        ])
    }
}
