import BudgetCore
import Foundation

/// Which clock a command runs under, before the plan's time zone is known.
///
/// `BUDGET_NOW` may be written without an offset, and then it is a wall-clock time in
/// the plan's zone — which is only known once the plan (or the round) is loaded. The
/// command line passes this setting; the engine turns it into a ``NowProvider`` with
/// the plan's zone.
public struct ClockSetting: Sendable {
    /// The simulated time, if any.
    public let simulated: ISOTime.Parsed?

    /// The system clock.
    public static let system = ClockSetting(simulated: nil)

    public init(simulated: ISOTime.Parsed?) { self.simulated = simulated }

    /// A simulated clock fixed at `instant`.
    public static func fixed(_ instant: Date) -> ClockSetting {
        let utc = TimeZone(secondsFromGMT: 0) ?? .current
        return ClockSetting(simulated: ISOTime.parse(ISOTime.format(instant, in: utc)))
    }

    /// The clock for a plan in `zone`.
    public func provider(zone: TimeZone) -> any NowProvider {
        guard let simulated else { return SystemNow() }
        return FixedNow(simulated.instant(defaultZone: zone))
    }
}
