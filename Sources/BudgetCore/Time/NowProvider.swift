import Foundation

/// Whether times come from the system clock or a simulated one.
///
/// Everything recorded under a simulated clock (`BUDGET_NOW`, `budget demo`) is marked so,
/// and a package built under it says so on its first page.
public enum ClockKind: String, Sendable, Codable {
    case system
    case simulated
}

/// The source of "now". Named so as not to clash with `Swift.Clock`.
///
/// Rules, deadlines and writers take `now` as a parameter; only ``SystemNow`` reads the
/// system clock, so every time-dependent behaviour is testable with ``FixedNow``.
public protocol NowProvider: Sendable {
    /// The current instant.
    func now() -> Date
    /// Whether the instant is real or simulated.
    var kind: ClockKind { get }
}

/// The system clock.
public struct SystemNow: NowProvider {
    public init() {}
    public func now() -> Date { Date() }
    public var kind: ClockKind { .system }
}

/// A fixed instant: `BUDGET_NOW`, the demo, and tests.
public struct FixedNow: NowProvider {
    public let instant: Date
    public init(_ instant: Date) { self.instant = instant }
    public func now() -> Date { instant }
    public var kind: ClockKind { .simulated }
}
