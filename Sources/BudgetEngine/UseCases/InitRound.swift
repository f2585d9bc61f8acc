import BudgetCore
import BudgetStore

/// `budget init DIR --plan PLAN.json`: creates a round from a plan.
public struct InitRound: Sendable {
    public let fileSystem: LocalFileSystem

    public init(fileSystem: LocalFileSystem = LocalFileSystem()) { self.fileSystem = fileSystem }

    /// Creates the round; the plan's bytes are copied in as they are, so the round keeps
    /// judging against exactly the plan it was opened with even if the file changes.
    public func run(directory: String, planPath: String, clock setting: ClockSetting) throws(EngineError) -> Plan {
        let bytes = try LoadPlan(fileSystem: fileSystem).bytes(planPath)
        let plan: Plan
        do {
            plan = try PlanLoader.load(bytes)
        } catch {
            throw LoadPlan.error(error, path: planPath, kind: .usage)
        }
        let clock = setting.provider(zone: plan.timeZone)
        do {
            _ = try RoundStore.create(
                directory: directory, planBytes: bytes, createdAt: clock.now(), clockKind: clock.kind,
                toolVersion: BudgetVersion.current)
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
}
