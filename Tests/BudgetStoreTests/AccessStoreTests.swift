import BudgetCore
import Foundation
import Testing

@testable import BudgetStore

@Suite("Access codes and the journal in the store")
struct AccessStoreTests {
    static let hashA = String(repeating: "a", count: 64)
    static let hashB = String(repeating: "b", count: 64)

    @Test("a code is stored as its hash, found by it, and revoked once")
    func issueAndRevoke() throws {
        try withTemporaryDirectory { directory in
            let store = try makeRound(in: directory)
            let id = try store.write { writer in
                try writer.insertAccessCode(
                    role: .agency, subject: "BAOKT", codeSHA256: Self.hashA, at: sampleRecordedAt, clockKind: .system,
                    by: .commandLine)
            }
            let found = try #require(try store.accessCode(sha256: Self.hashA))
            #expect(found.id == id && found.role == .agency && found.subject == "BAOKT" && found.isCurrent)
            #expect(found.actor == "cli")
            try store.write { writer in
                #expect(try writer.currentAccessCodes(role: .agency, subject: "BAOKT").map(\.id) == [id])
                try writer.insertRevocation(
                    codeID: id, why: .replaced, at: sampleRecordedAt, clockKind: .system, by: .commandLine)
                #expect(try writer.currentAccessCodes(role: .agency, subject: "BAOKT").isEmpty)
            }
            let revoked = try #require(try store.accessCode(id: id))
            #expect(!revoked.isCurrent && revoked.revocation?.why == .replaced)
            // A second revocation, or the same hash twice, is refused by the schema.
            #expect(throws: (any Error).self) {
                try store.write { writer in
                    try writer.insertRevocation(
                        codeID: id, why: .revoked, at: sampleRecordedAt, clockKind: .system, by: .commandLine)
                }
            }
            #expect(throws: (any Error).self) {
                try store.write { writer in
                    try writer.insertAccessCode(
                        role: .officer, subject: "x", codeSHA256: Self.hashA, at: sampleRecordedAt,
                        clockKind: .system, by: .commandLine)
                }
            }
            #expect(try store.accessCodes().count == 1)
        }
    }

    @Test("access rows and events are append-only")
    func appendOnly() throws {
        try withTemporaryDirectory { directory in
            let store = try makeRound(in: directory)
            _ = try store.write { writer in
                try writer.insertAccessCode(
                    role: .officer, subject: "An", codeSHA256: Self.hashB, at: sampleRecordedAt, clockKind: .simulated,
                    by: .commandLine)
            }
            try store.recordEvent(
                RoundEvent(
                    at: sampleRecordedAt, clockKind: .simulated, actor: "agency:BAOKT", address: "203.0.113.9",
                    action: "sign-in", detail: "web"))
            let events = try store.events()
            #expect(events.count == 1)
            #expect(events.first?.address == "203.0.113.9" && events.first?.action == "sign-in")
            for sql in [
                "UPDATE access_codes SET subject = 'X'", "DELETE FROM access_codes", "UPDATE events SET actor = 'x'",
                "DELETE FROM events",
            ] {
                #expect(throws: (any Error).self) { try store.connection.execute(sql, .write) }
            }
            #expect(try store.events(limit: 1).count == 1)
        }
    }
}
