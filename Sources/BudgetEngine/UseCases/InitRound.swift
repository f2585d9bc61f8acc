import BudgetCore
import BudgetStore
import Foundation

/// `budget init DIR --plan PLAN.json [--period YYYY-MM]`: creates a round from a plan.
public struct InitRound: Sendable {
    public let fileSystem: LocalFileSystem

    public init(fileSystem: LocalFileSystem = LocalFileSystem()) { self.fileSystem = fileSystem }

    /// Creates the round; the plan's bytes are copied in as they are, so the round keeps
    /// judging against exactly the plan it was opened with even if the file changes.
    ///
    /// A plan with a recurring deadline (`"recurrence"`) needs `period` (`2020-02`): the
    /// round of that month, with that month's deadline, the period kept in the round
    /// (`meta.period`). A missing period is refused, naming the period still open by the
    /// clock as the example, rather than guessed: the period is written once, into an
    /// append-only round and onto every paper. `period` for a plan with one deadline is
    /// refused too. Each refusal is a usage error (exit 2), and nothing is created.
    ///
    /// - Returns: the plan as the round reads it (for a period, with that period's deadline).
    public func run(
        directory: String, planPath: String, period: String? = nil, clock setting: ClockSetting
    ) throws(EngineError) -> Plan {
        let bytes = try LoadPlan(fileSystem: fileSystem).bytes(planPath)
        let loaded: Plan
        do {
            loaded = try PlanLoader.load(bytes)
        } catch {
            throw LoadPlan.error(error, path: planPath, kind: .usage)
        }
        let clock = setting.provider(zone: loaded.timeZone)
        let now = clock.now()
        let plan = try Self.plan(loaded, period: period, now: now)
        do {
            _ = try RoundStore.create(
                directory: directory, planBytes: bytes, createdAt: now, clockKind: clock.kind,
                toolVersion: BudgetVersion.current, period: plan.period?.text)
        } catch {
            if error.kind == .alreadyExists {
                throw EngineError(
                    .usage,
                    Localized(
                        vi: "«\(directory)» đã chứa một đợt tổng hợp; chọn thư mục khác",
                        en: "\"\(directory)\" already holds a round; choose another directory"))
            }
            throw StoreErrors.engineError(error)
        }
        return plan
    }

    /// `plan` for the round `period` (the text of `--period`) names, or a usage error: a
    /// malformed period, a period for a plan with one deadline, none for a recurring plan,
    /// or one outside the plan's first and last. A pure function of its arguments.
    static func plan(_ plan: Plan, period text: String?, now: Date) throws(EngineError) -> Plan {
        guard let recurrence = plan.recurrence else {
            guard let text else { return plan }
            let vi = ISOTime.human(plan.deadline.shown, in: plan.timeZone, .vi)
            let en = ISOTime.human(plan.deadline.shown, in: plan.timeZone, .en)
            throw EngineError(
                .usage,
                Localized(
                    vi: "kế hoạch «\(plan.id)» có một hạn duy nhất (\(vi)), không chia kỳ; bỏ --period \(text)",
                    en: "the plan \"\(plan.id)\" has one deadline (\(en)), no periods; remove --period \(text)"),
                details: [
                    Localized(
                        vi: "gợi ý: --period chỉ dùng cho kế hoạch có «recurrence» (hạn định kỳ)",
                        en: "hint: --period is only for a plan with \"recurrence\" (a recurring deadline)")
                ])
        }
        guard let text else {
            let open = recurrence.openPeriod(at: now, zone: plan.timeZone)
            let example = (open ?? recurrence.last ?? recurrence.first).text
            let schedule = Self.schedule(recurrence)
            throw EngineError(
                .usage,
                Localized(
                    vi:
                        "kế hoạch «\(plan.id)» có hạn định kỳ (\(schedule.vi)): cần --period NĂM-THÁNG, ví dụ --period \(example)",
                    en:
                        "the plan \"\(plan.id)\" has a recurring deadline (\(schedule.en)): --period YEAR-MONTH is needed, for example --period \(example)"
                ),
                details: [
                    Localized(
                        vi:
                            "kỳ được ghi một lần vào sổ của đợt và lên mọi giấy tờ, nên phải nêu rõ, không đoán theo đồng hồ",
                        en:
                            "the period is written once into the round's ledger and onto every paper, so it is stated, never guessed from the clock"
                    ),
                    open.map { p in
                        Localized(
                            vi: "kỳ đang mở theo đồng hồ: \(p.text) (hạn \(Self.human(recurrence, p, plan, .vi)))",
                            en:
                                "the period open by the clock: \(p.text) (deadline \(Self.human(recurrence, p, plan, .en)))"
                        )
                    }
                        ?? Localized(
                            vi: "mọi kỳ của kế hoạch đã qua hạn (kỳ cuối: \(example))",
                            en: "every period of the plan is past its deadline (the last: \(example))"),
                ])
        }
        guard let period = Period(text) else {
            throw EngineError(
                .usage,
                Localized(
                    vi: "--period «\(text)» không hợp lệ: cần NĂM-THÁNG, ví dụ --period 2020-02 (kỳ tháng 02/2020)",
                    en:
                        "--period \"\(text)\" is invalid: expected YEAR-MONTH, for example --period 2020-02 (February 2020)"
                ))
        }
        do {
            return try plan.forPeriod(period)
        } catch {
            let first = recurrence.first.text
            let range =
                recurrence.last.map {
                    (vi: "các kỳ từ \(first) đến \($0.text)", en: "its periods run from \(first) to \($0.text)")
                }
                ?? (vi: "các kỳ bắt đầu từ \(first)", en: "its periods start at \(first)")
            throw EngineError(
                .usage,
                Localized(
                    vi: "kỳ \(period.text) không thuộc kế hoạch «\(plan.id)»: \(range.vi)",
                    en: "the period \(period.text) is not one of the plan \"\(plan.id)\"'s: \(range.en)"))
        }
    }

    /// The schedule as the refusal names it: "ngày 20 hằng tháng, từ 2020-01" / "day 20 of
    /// every month, from 2020-01".
    static func schedule(_ r: Recurrence) -> Localized {
        let time = r.time.map { " \($0.text)" } ?? ""
        let until = r.last.map { (vi: " đến \($0.text)", en: " to \($0.text)") } ?? (vi: "", en: "")
        return Localized(
            vi: "ngày \(r.day)\(time) hằng tháng, từ \(r.first.text)\(until.vi)",
            en: "day \(r.day)\(time) of every month, from \(r.first.text)\(until.en)")
    }

    /// The deadline of period `p` as people read it ("23:59:59 ngày 20/02/2020").
    static func human(_ r: Recurrence, _ p: Period, _ plan: Plan, _ language: Language) -> String {
        ISOTime.human(r.deadline(for: p, zone: plan.timeZone).shown, in: plan.timeZone, language)
    }
}
