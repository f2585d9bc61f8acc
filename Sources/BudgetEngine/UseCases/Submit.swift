import BudgetCore
import BudgetRules
import BudgetStore
import Foundation

/// `budget submit FILE... --round DIR`: records received files, whatever they hold.
///
/// Order (the contract's): arguments are checked first and a usage error records nothing;
/// the round is checked (``Round/verify(counted:)`` without re-hashing: a ledger that fails
/// its checks takes no new record); then each file in turn is read and judged, lateness
/// decided on the declared time (or now), then validity, and recorded in its own
/// transaction (``RecordSubmission``). A failure of the environment stops the run: what was
/// recorded stays recorded and is reported, the rest is named as not recorded.
public struct Submit: Sendable {
    public let fileSystem: LocalFileSystem

    public init(fileSystem: LocalFileSystem = LocalFileSystem()) { self.fileSystem = fileSystem }

    /// The largest file `submit` keeps: SQLite's BLOB limit is about 1 GB, and a file far
    /// over the reading limit is refused before anything is recorded (exit 2).
    public static let largestKept = 512 << 20

    static func tooLarge(_ path: String, _ size: Int) -> EngineError {
        EngineError(
            .usage,
            Localized(
                vi: "tệp «\(path)» lớn \(size) byte, quá \(largestKept) byte có thể lưu; không ghi nhận",
                en: "\"\(path)\" is \(size) bytes, over the \(largestKept) bytes that can be kept; nothing recorded"))
    }

    /// Records every file of `request`; `each` is told of each receipt as soon as it is
    /// committed (a long run shows progress, and a failure later loses nothing said).
    public func run(
        _ request: SubmitRequest, roundDirectory: String, clock setting: ClockSetting,
        each: (SubmitResult) -> Void = { _ in }
    ) throws(EngineError) -> SubmitOutcome {
        try request.validate(fileSystem: fileSystem)
        let round = try OpenRound.run(roundDirectory)
        let plan = round.plan
        let clock = setting.provider(zone: plan.timeZone)
        let declared = try Self.declaredTime(request.receivedAt, plan: plan, now: clock.now())
        try round.snapshot { try round.verify(pages: request.checksPages) }
        var outcome = SubmitOutcome(results: [], failure: nil, unrecorded: [])
        for (index, path) in request.paths.enumerated() {
            do {
                let result = try RecordSubmission(
                    round: round, request: request, declaredAt: declared, clock: clock, fileSystem: fileSystem
                ).run(path: path)
                outcome.results.append(result)
                each(result)
            } catch {
                // Once a file is recorded, a failure is no longer "nothing was done" (a
                // usage error, exit 2): it stops a run that changed the round (exit 4), and
                // the command says what was recorded.
                var failure = error
                if !outcome.results.isEmpty { failure.kind = .environment }
                outcome.failure = failure
                outcome.unrecorded = Array(request.paths[index...])
                break
            }
        }
        return outcome
    }

    /// Records the request's one file and returns its receipt; a failure is thrown.
    public func record(
        _ request: SubmitRequest, roundDirectory: String, clock setting: ClockSetting
    ) throws(EngineError) -> SubmitResult {
        let outcome = try run(request, roundDirectory: roundDirectory, clock: setting)
        if let failure = outcome.failure { throw failure }
        guard let result = outcome.results.first else {
            throw EngineError(.usage, Localized(vi: "cần một TỆP", en: "one FILE is needed"))
        }
        return result
    }

    /// `--received-at` as an instant: ISO 8601, not in the future.
    static func declaredTime(_ text: String?, plan: Plan, now: Date) throws(EngineError) -> Date? {
        guard let text else { return nil }
        guard let parsed = ISOTime.parse(text) else {
            throw EngineError(
                .usage,
                Localized(
                    vi: "--received-at «\(text)» không phải thời điểm ISO 8601 (ví dụ 2020-03-10T16:30:00+07:00)",
                    en: "--received-at \"\(text)\" is not an ISO 8601 time (for example 2020-03-10T16:30:00+07:00)"))
        }
        let instant = parsed.instant(defaultZone: plan.timeZone)
        if instant > now {
            throw EngineError(
                .usage,
                Localized(
                    vi:
                        "--received-at \(ISOTime.human(instant, in: plan.timeZone, .vi)) ở tương lai (bây giờ là \(ISOTime.human(now, in: plan.timeZone, .vi))); không ghi nhận",
                    en:
                        "--received-at \(ISOTime.human(instant, in: plan.timeZone, .en)) is in the future (now is \(ISOTime.human(now, in: plan.timeZone, .en))); nothing recorded"
                ))
        }
        return instant
    }
}
