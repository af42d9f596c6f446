import Diagnostics
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What a server answered for one URL (after following redirects), as kept in the cache.
public struct LinkAnswer: Codable, Sendable, Equatable {
    /// When it was asked, seconds since 1970.
    public var checkedAt: Double
    /// The final HTTP status; nil when no answer came (then `error` says why).
    public var status: Int?
    /// The URL the redirects ended at.
    public var finalURL: String?
    /// Why there was no answer (timeout, unknown host, refused connection).
    public var error: String?

    public init(checkedAt: Double, status: Int? = nil, finalURL: String? = nil, error: String? = nil) {
        self.checkedAt = checkedAt
        self.status = status
        self.finalURL = finalURL
        self.error = error
    }
}

/// What a link's answer means for the site.
public enum LinkVerdict: Sendable, Equatable {
    case ok
    /// Not found, gone, a server error, or no answer at all: an error, the check fails.
    case broken(String)
    /// The link names a document but the redirects end at the site's home page (path `/`): a warning.
    case homePage(String)
    /// The server refused an automated request (401, 403, 429): a warning, it could not be checked.
    case refused(Int)

    /// The verdict of `answer` for `link`.
    public init(link: ExternalLink, answer: LinkAnswer) {
        guard let status = answer.status else {
            self = .broken(answer.error ?? "no answer")
            return
        }
        switch status {
        case 401, 403, 429:
            self = .refused(status)
        case 400...:
            self = .broken("HTTP \(status) \(HTTPURLResponse.localizedString(forStatusCode: status).capitalized)")
        default:
            if link.citesDocument, let final = answer.finalURL, let components = URLComponents(string: final),
               components.percentEncodedPath.isEmpty || components.percentEncodedPath == "/", final != link.url {
                self = .homePage(final)
            } else {
                self = .ok
            }
        }
    }
}

/// The answers of earlier runs, in `.signals-cache/external-links.json`, kept for a day.
public struct LinkAnswerCache: Sendable {
    public static let fileName = "external-links.json"
    /// How long an answer is reused: one day.
    public static let maxAge: TimeInterval = 86_400

    private struct File: Codable {
        var version = 1
        var answers: [String: LinkAnswer]
    }

    public private(set) var answers: [String: LinkAnswer]
    let url: URL

    /// Reads the cache of the site at `root` (empty when absent or unreadable).
    public init(root: URL) {
        url = root.appendingPathComponent(".signals-cache").appendingPathComponent(Self.fileName)
        answers = (FileManager.default.contents(atPath: url.path).flatMap { try? JSONDecoder().decode(File.self, from: $0) })?.answers ?? [:]
    }

    /// A cached answer for `url` younger than a day at `now`.
    public func fresh(_ url: String, now: Date) -> LinkAnswer? {
        guard let answer = answers[url], now.timeIntervalSince1970 - answer.checkedAt < Self.maxAge,
              answer.checkedAt <= now.timeIntervalSince1970 else { return nil }
        return answer
    }

    /// Records answers that came from a server (no answer at all is not kept: it may be a passing outage).
    public mutating func record(_ url: String, _ answer: LinkAnswer) {
        if answer.status != nil { answers[url] = answer }
    }

    /// Writes the answers younger than a day (atomically).
    public func save(now: Date) throws {
        let kept = answers.filter { now.timeIntervalSince1970 - $0.value.checkedAt < Self.maxAge }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try encoder.encode(File(answers: kept)).write(to: url, options: .atomic)
    }
}

/// Asks servers about links: HEAD first, GET (of one byte) when HEAD is refused or fails, redirects followed,
/// at most `concurrency` requests at a time, each given up after `timeout` seconds.
public final class LinkChecker: @unchecked Sendable {
    public let timeout: TimeInterval
    public let concurrency: Int
    private let session: URLSession

    public init(timeout: TimeInterval = 10, concurrency: Int = 8) {
        self.timeout = timeout
        self.concurrency = max(1, concurrency)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.httpMaximumConnectionsPerHost = 4
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpAdditionalHeaders = ["User-Agent": "Mozilla/5.0 (compatible; signals-check; +https://github.com/)"]
        session = URLSession(configuration: configuration)
    }

    deinit { session.invalidateAndCancel() }

    /// The answer for every URL, asked concurrently (at most `concurrency` at once); `now` stamps them.
    public func answers(for urls: [String], now: @escaping @Sendable () -> Date = { Date() }) async -> [String: LinkAnswer] {
        var results: [String: LinkAnswer] = [:]
        await withTaskGroup(of: (String, LinkAnswer).self) { group in
            var pending = urls[...]
            func startNext() {
                guard let url = pending.popFirst() else { return }
                group.addTask { (url, await self.answer(for: url, now: now)) }
            }
            for _ in 0..<concurrency { startNext() }
            while let result = await group.next() {
                results[result.0] = result.1
                startNext()
            }
        }
        return results
    }

    /// One URL: HEAD, then GET when HEAD gives an error status or fails without timing out.
    public func answer(for url: String, now: @escaping @Sendable () -> Date = { Date() }) async -> LinkAnswer {
        guard let target = URL(string: url) else { return LinkAnswer(checkedAt: now().timeIntervalSince1970, error: "not a valid URL") }
        let head = await request(target, method: "HEAD")
        if case .answered(let status, _) = head, status < 400 { return head.answer(at: now()) }
        if case .failed(_, let timedOut) = head, timedOut { return head.answer(at: now()) }
        return await request(target, method: "GET").answer(at: now())
    }

    enum Outcome: Sendable {
        case answered(status: Int, finalURL: String?)
        case failed(String, timedOut: Bool)

        func answer(at date: Date) -> LinkAnswer {
            switch self {
            case .answered(let status, let finalURL): LinkAnswer(checkedAt: date.timeIntervalSince1970, status: status, finalURL: finalURL)
            case .failed(let error, _): LinkAnswer(checkedAt: date.timeIntervalSince1970, error: error)
            }
        }
    }

    private func request(_ url: URL, method: String) async -> Outcome {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = method
        if method == "GET" { request.setValue("bytes=0-0", forHTTPHeaderField: "Range") }
        let timeout = self.timeout
        return await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
            let task = session.dataTask(with: request) { _, response, error in
                if let http = response as? HTTPURLResponse {
                    // 416: the resource exists but is empty (the one-byte range did not fit).
                    let status = http.statusCode == 416 ? 200 : http.statusCode
                    continuation.resume(returning: .answered(status: status, finalURL: http.url?.absoluteString))
                } else if let error = error as? URLError, error.code == .timedOut {
                    continuation.resume(returning: .failed("no answer within \(Int(timeout)) s", timedOut: true))
                } else {
                    continuation.resume(returning: .failed(Self.describe(error), timedOut: false))
                }
            }
            task.resume()
        }
    }

    static func describe(_ error: (any Error)?) -> String {
        guard let error = error as? URLError else { return error.map { "\($0.localizedDescription)" } ?? "no answer" }
        switch error.code {
        case .cannotFindHost, .dnsLookupFailed: return "unknown host"
        case .cannotConnectToHost: return "connection refused"
        case .networkConnectionLost: return "the connection was closed"
        case .notConnectedToInternet: return "no network"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid:
            return "TLS failed (\(error.localizedDescription))"
        case .httpTooManyRedirects: return "too many redirects"
        default: return error.localizedDescription
        }
    }
}
