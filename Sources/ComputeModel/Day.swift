import Foundation

/// A calendar day (`YYYY-MM-DD`), the precision every observation in the data files is dated to.
///
/// Days carry no time zone: "2026-09-01" means the day printed on the source. Converting a `Date`
/// (for the injected build date) uses UTC.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A valid calendar day, or nil (e.g. 2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
              day <= Day.daysInMonth(year: year, month: month) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`; anything else (including `2026-9-1` or a time) is nil.
    public init?(_ text: String) {
        // Byte by byte: ten ASCII bytes, digits with a hyphen at 4 and 7 (a million price rows each carry one).
        let utf8 = text.utf8
        guard utf8.count == 10 else { return nil }
        var values = (0, 0, 0)
        var offset = 0
        for byte in utf8 {
            if offset == 4 || offset == 7 {
                guard byte == 0x2D else { return nil }
            } else {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                let digit = Int(byte - 0x30)
                if offset < 4 { values.0 = values.0 * 10 + digit } else if offset < 7 { values.1 = values.1 * 10 + digit } else { values.2 = values.2 * 10 + digit }
            }
            offset += 1
        }
        self.init(year: values.0, month: values.1, day: values.2)
    }

    /// The UTC calendar day of `date`.
    public init(_ date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.year = parts.year ?? 1970
        self.month = parts.month ?? 1
        self.day = parts.day ?? 1
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        // Built by hand: String(format:) goes through Foundation's formatter and dominated profiles of large price files.
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    /// Whole days from `earlier` to this day (negative when `earlier` is later).
    public func days(since earlier: Day) -> Int {
        dayNumber - earlier.dayNumber
    }

    /// Midnight UTC of this day.
    public var date: Date {
        Date(timeIntervalSince1970: Double(dayNumber - Day.unixEpochDayNumber) * 86_400)
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date: \(text)"))
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Days since a fixed origin (proleptic Gregorian), for differences between days.
    private var dayNumber: Int {
        // Algorithm from Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe
    }

    private static let unixEpochDayNumber = 719_468

    /// The day `days` after this one (before it when negative); nil outside the years 1 to 9999.
    public func adding(days: Int) -> Day? {
        // Howard Hinnant's civil_from_days, the inverse of `dayNumber`.
        let z = dayNumber + days
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return Day(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    private static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
