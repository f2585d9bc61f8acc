import BudgetCore
import BudgetStore
import Foundation

/// Who a valid access code lets in.
public struct AccessGrant: Sendable, Hashable {
    public var role: AccessRole
    /// The agency's code, or the officer's name.
    public var subject: String
    /// The code's row in the round: a session remembers it, and ends once it is revoked.
    public var codeID: Int64

    public init(role: AccessRole, subject: String, codeID: Int64) {
        self.role = role
        self.subject = subject
        self.codeID = codeID
    }

    /// The name events record: `agency:CODE` or `officer:NAME`.
    public var actor: String { "\(role.rawValue):\(subject)" }
}

/// Why a sign-in failed, as the journal records it (never the code typed).
public enum AccessRefusal: String, Error, Sendable, Equatable {
    /// Not 28 base32 characters once dashes and spaces are removed.
    case malformed
    /// No code with that SHA-256 was ever issued in this round.
    case unknown
    /// The code was revoked or replaced.
    case revoked
}

/// Checks an access code against the round: the portal's sign-in and every API request.
///
/// Only the SHA-256 of the typed code is looked up (the round holds nothing else); a code
/// that was revoked or replaced lets no one in. Store failures are thrown (the portal
/// answers 503), never read as "wrong code".
public struct Authenticate: Sendable {
    public init() {}

    /// The grant of `typed`, or why there is none.
    public func run(
        code typed: String, roundDirectory: String
    ) throws(EngineError) -> Result<
        AccessGrant, AccessRefusal
    > {
        guard let code = AccessCode(typed: typed) else { return .failure(.malformed) }
        let stored: StoredAccessCode?
        do {
            stored = try Self.store(roundDirectory).accessCode(sha256: code.sha256)
        } catch {
            throw StoreErrors.engineError(error)
        }
        guard let stored else { return .failure(.unknown) }
        guard stored.isCurrent else { return .failure(.revoked) }
        return .success(AccessGrant(role: stored.role, subject: stored.subject, codeID: stored.id))
    }

    /// Whether the code behind a session still lets its holder in (not revoked since).
    public func isCurrent(codeID: Int64, roundDirectory: String) throws(EngineError) -> Bool {
        do {
            return try Self.store(roundDirectory).accessCode(id: codeID)?.isCurrent ?? false
        } catch {
            throw StoreErrors.engineError(error)
        }
    }

    /// The round's store alone: checking a code needs no plan, and every page and API
    /// request checks one, so the plan is not parsed for it.
    static func store(_ directory: String) throws(StoreError) -> RoundStore {
        try RoundStore.open(directory: directory)
    }
}

/// One action to put in the round's journal.
public struct EventRecord: Sendable, Equatable {
    public var actor: String
    public var address: String?
    public var action: String
    public var receiptID: Int64?
    public var detail: String?

    public init(actor: String, address: String?, action: String, receiptID: Int64? = nil, detail: String? = nil) {
        self.actor = actor
        self.address = address
        self.action = action
        self.receiptID = receiptID
        self.detail = detail
    }
}

/// A journal entry as read back.
public struct JournalEntry: Sendable, Equatable {
    public var id: Int64
    public var at: Date
    public var simulatedClock: Bool
    public var actor: String
    public var address: String?
    public var action: String
    public var receiptID: Int64?
    public var detail: String?
}

/// Records an action that changes nothing else in the round (a sign-in, a failed one, a
/// sign-out, a package built) in the journal, under the round's clock; and reads the journal.
///
/// Actions that do change the round (a receipt, an annulment, a code) record their event
/// in their own transaction instead (``SubmitRequest/requester``, ``VoidReceipt``,
/// ``IssueAccess``).
public struct RecordEvent: Sendable {
    public init() {}

    public func run(_ event: EventRecord, roundDirectory: String, clock setting: ClockSetting) throws(EngineError) {
        let round = try OpenRound.run(roundDirectory)
        let clock = setting.provider(zone: round.plan.timeZone)
        do {
            try round.store.recordEvent(
                RoundEvent(
                    at: clock.now(), clockKind: clock.kind, actor: event.actor, address: event.address,
                    action: event.action, receiptID: event.receiptID, detail: event.detail))
        } catch {
            throw StoreErrors.engineError(error)
        }
    }

    /// The latest `limit` entries of the journal, oldest first.
    public func journal(roundDirectory: String, limit: Int? = nil) throws(EngineError) -> [JournalEntry] {
        let round = try OpenRound.run(roundDirectory)
        do {
            let events = try round.store.events(limit: limit)
            return events.map {
                JournalEntry(
                    id: $0.id, at: $0.at, simulatedClock: $0.clockKind == .simulated, actor: $0.actor,
                    address: $0.address, action: $0.action, receiptID: $0.receiptID, detail: $0.detail)
            }
        } catch {
            throw StoreErrors.engineError(error)
        }
    }
}
