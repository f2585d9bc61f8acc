import BudgetCore
import BudgetEngine
import Foundation
import HTTPServer
import Testing

@testable import BudgetPortal

@Suite("The portal through its handler")
struct PortalTests {
    static let securityHeaders: [(String, String)] = [
        ("Content-Security-Policy", Portal.contentSecurityPolicy),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
    ]

    func expectSecurityHeaders(_ reply: Reply, _ what: String) {
        for (name, value) in Self.securityHeaders {
            #expect(reply.header(name) == value, "\(what): \(name)")
        }
    }

    @Test("sign-in: a good code opens a new session, a wrong or revoked one is refused and journalled")
    func signIn() throws {
        let f = try Fixture()
        let b = f.browser()
        let page = try b.request(.get, "/")
        #expect(page.status == 200)
        #expect(page.text.contains("name=\"code\""))
        let anonymous = b.cookies[Portal.cookieName]
        #expect(anonymous != nil)

        let wrong = try b.form("/sign-in", [("code", "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA")])
        #expect(wrong.status == 401)
        #expect(wrong.text.contains("mã truy cập không đúng"))

        let code = try #require(f.codes["STTTT"])
        let good = try b.form("/sign-in", [("code", code.lowercased().replacingOccurrences(of: "-", with: " "))])
        #expect(good.status == 303)
        #expect(good.header("Location") == "/agency")
        #expect(b.cookies[Portal.cookieName] != anonymous, "a new session id at sign-in")
        let home = try b.request(.get, "/agency")
        #expect(home.status == 200)
        #expect(home.text.contains("Sở Thông tin và Truyền thông"))

        // A new code for the agency revokes the old one: the session ends at its next request.
        let replaced = try IssueAccess().run(.agency("STTTT"), roundDirectory: f.round, clock: .system)
        let after = try b.request(.get, "/agency")
        #expect(after.status == 303 && after.header("Location") == "/")
        let other = f.browser(from: "198.51.100.8")
        let revoked = try other.signIn(code)
        #expect(revoked.status == 401)
        #expect(revoked.text.contains("thu hồi"))
        #expect(try other.signIn(replaced.issued[0].code).status == 303)

        let journal = try RecordEvent().journal(roundDirectory: f.round).filter { $0.action.hasPrefix("sign-in") }
        #expect(journal.map(\.action) == ["sign-in-failed", "sign-in", "sign-in-failed", "sign-in"])
        #expect(journal.map(\.detail) == ["unknown", "web", "revoked", "web"])
        #expect(journal[0].address == "198.51.100.7" && journal[2].address == "198.51.100.8")
        #expect(journal[1].actor == "agency:STTTT")
        // No code and no session id in any log line.
        let secrets = [code, replaced.issued[0].code] + Array(b.cookies.values)
        for line in f.log.lines {
            for secret in secrets { #expect(!line.contains(secret)) }
        }
    }

    @Test("429 after ten failures a minute, for that address only, for a minute; sessions go on")
    func limiter() throws {
        let f = try Fixture()
        let signedIn = f.browser(from: "192.0.2.1")
        #expect(try signedIn.signIn(f.codes["BAOKT"] ?? "").status == 303)
        let attacker = f.browser(from: "192.0.2.1")
        try attacker.request(.get, "/")
        for attempt in 1...10 {
            let reply = try attacker.form("/sign-in", [("code", "wrong-\(attempt)")])
            #expect(reply.status == 401, "attempt \(attempt)")
        }
        let blocked = try attacker.form("/sign-in", [("code", f.codes["CAT"] ?? "")])
        #expect(blocked.status == 429)
        #expect(blocked.header("Retry-After") == "60")
        #expect(try attacker.api(.get, "/api/status", code: f.codes["CAT"]).status == 429)
        #expect(try attacker.api(.get, "/api/status", code: nil).status == 429)
        // The address's signed-in session is not blocked; another address is not either.
        #expect(try signedIn.request(.get, "/agency").status == 200)
        let neighbour = f.browser(from: "192.0.2.2")
        #expect(try neighbour.signIn(f.codes["CAT"] ?? "").status == 303)
        f.clock.advance(59)
        #expect(try attacker.form("/sign-in", [("code", "still")]).status == 429)
        f.clock.advance(2)
        #expect(try attacker.form("/sign-in", [("code", f.codes["CAT"] ?? "")]).status == 303)
        // API failures count too: ten missing or bad bearers, then 429.
        let script = f.browser(from: "192.0.2.3")
        for _ in 1...10 { #expect(try script.api(.get, "/api/status", code: nil).status == 401) }
        #expect(try script.api(.get, "/api/status", code: f.codes["CAT"]).status == 429)
    }

    @Test("an agency sees only its own receipts, row and files; never the package or the officer's pages")
    func isolation() throws {
        let f = try Fixture()
        let office = f.browser()
        let theirs = try office.api(
            .post, "/api/submissions", code: f.codes["SVHTTDL"], file: Repo.example("so-van-hoa.csv"),
            name: "so-van-hoa.csv")
        #expect(theirs.status == 201)
        let number = try #require(theirs.json["receipt"] as? Int)
        let mine = try office.api(
            .post, "/api/submissions", code: f.codes["STTTT"], file: Repo.example("so-thong-tin.csv"),
            name: "so-thong-tin.csv")
        #expect(mine.status == 201)

        let code = f.codes["STTTT"]
        #expect(try office.api(.get, "/api/receipts/\(number)", code: code).status == 404)
        #expect(try office.api(.get, "/api/receipts/999", code: code).status == 404)
        #expect(try office.api(.get, "/api/receipts/\(mine.json["receipt"] as? Int ?? 0)", code: code).status == 200)
        #expect(try office.api(.get, "/api/package.zip", code: code).status == 403)
        #expect(
            try office.api(.post, "/api/receipts/\(number)/void", code: code, fields: [("reason", "x")]).status == 403)
        let status = try office.api(.get, "/api/status", code: code)
        #expect(status.status == 200)
        let rows = try #require(status.json["agencies"] as? [[String: Any]])
        #expect(rows.map { $0["code"] as? String } == ["STTTT"])
        #expect(status.json["total"] == nil && status.json["findings"] == nil)
        #expect(!status.text.contains("SVHTTDL"))
        let receipts = try office.api(.get, "/api/receipts", code: code)
        #expect(receipts.text.contains("so-thong-tin.csv") && !receipts.text.contains("so-van-hoa.csv"))
        // A file naming another agency is not recorded against it.
        let disguised = try office.api(.post, "/api/submissions", code: code, file: Repo.example("bao-kon-tum.csv"))
        #expect(disguised.status == 422)
        #expect(disguised.json["agency"] as? String == "STTTT")
        #expect(disguised.text.contains("agency-conflict"))
        let other = try office.api(
            .post, "/api/submissions", code: code, file: Repo.example("so-thong-tin.csv"), fields: [("agency", "BAOKT")]
        )
        #expect(other.status == 403)

        let b = f.browser()
        try b.signIn(code ?? "")
        #expect(try b.request(.get, "/receipts/\(number)").status == 404)
        #expect(try b.request(.get, "/officer").status == 403)
        #expect(try b.request(.get, "/officer/agencies/SVHTTDL").status == 403)
        #expect(try b.request(.get, "/officer/sheets/agencies.csv").status == 403)
        #expect(try b.form("/officer/package.zip", []).status == 403)
        #expect(try b.form("/receipts/\(number)/void", [("reason", "x")]).status == 403)
        let home = try b.request(.get, "/agency")
        #expect(!home.text.contains("so-van-hoa.csv"))
    }

    @Test("a form POST without the session's token, or with a wrong one, is refused and changes nothing")
    func csrf() throws {
        let f = try Fixture()
        let b = f.browser()
        try b.request(.get, "/")
        #expect(try b.form("/sign-in", [("code", f.codes["BAOKT"] ?? "")], token: false).status == 403)
        #expect(
            try b.form(
                "/sign-in", [("code", f.codes["BAOKT"] ?? ""), ("csrf", String(repeating: "0", count: 64))],
                token: false
            ).status == 403)
        #expect(try b.signIn(f.codes["BAOKT"] ?? "").status == 303)
        let upload = try b.upload("/agency/submit", file: Repo.example("bao-kon-tum.csv"), token: false)
        #expect(upload.status == 403)
        let wrong = try b.upload(
            "/agency/submit", file: Repo.example("bao-kon-tum.csv"), fields: [("csrf", "x")], token: false)
        #expect(wrong.status == 403)
        #expect(try b.form("/sign-out", [], token: false).status == 403)
        #expect(try ReceiptLookup().receipt(1, roundDirectory: f.round) == nil, "nothing recorded")
        let officer = f.browser(from: "198.51.100.9")
        try officer.signIn(f.officer)
        #expect(try officer.form("/officer/package.zip", [], token: false).status == 403)
        #expect(try b.upload("/agency/submit", file: Repo.example("bao-kon-tum.csv")).status == 303)
        #expect(try officer.form("/receipts/1/void", [("reason", "x")], token: false).status == 403)
        #expect(try ReceiptLookup().receipt(1, roundDirectory: f.round)?.result.receipt.voided == nil)
    }

    @Test("the session cookie is HttpOnly, SameSite=Strict, and Secure only behind a trusted TLS proxy")
    func cookieFlags() throws {
        let plain = try Fixture()
        let page = try plain.browser().request(.get, "/", headers: [("X-Forwarded-Proto", "https")])
        let cookie = try #require(page.setCookies.first { $0.hasPrefix(Portal.cookieName + "=") })
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"))
        #expect(!cookie.contains("Secure"), "X-Forwarded-Proto is not believed without --trust-proxy")
        #expect(!cookie.contains("Max-Age"))

        let proxied = try Fixture(trustedProxies: PortalConfiguration.loopback)
        let viaProxy = proxied.browser(from: "127.0.0.1")
        viaProxy.headers = [("X-Forwarded-For", "203.0.113.50"), ("X-Forwarded-Proto", "https")]
        let secure = try viaProxy.request(.get, "/")
        #expect(secure.setCookies.first { $0.hasPrefix(Portal.cookieName) }?.contains("; Secure") == true)
        #expect(try viaProxy.signIn(proxied.codes["DPTTH"] ?? "").status == 303)
        let event = try RecordEvent().journal(roundDirectory: proxied.round).last
        #expect(event?.action == "sign-in" && event?.address == "203.0.113.50")
        // A client that is not the proxy cannot claim an address.
        let direct = proxied.browser(from: "198.51.100.20")
        direct.headers = [("X-Forwarded-For", "203.0.113.99"), ("X-Forwarded-Proto", "https")]
        let claimed = try direct.request(.get, "/")
        #expect(claimed.setCookies.first?.contains("Secure") == false)
        try direct.form("/sign-in", [("code", "bad")])
        #expect(try RecordEvent().journal(roundDirectory: proxied.round).last?.address == "198.51.100.20")
    }

    @Test("every response carries the CSP and the other security headers, pages escape what they show")
    func headersEverywhere() throws {
        let f = try Fixture()
        let b = f.browser()
        var replies: [(String, Reply)] = []
        for path in ["/", "/assets/portal.css", "/assets/portal.js", "/nope", "/agency", "/receipts/1", "/lang/vi"] {
            replies.append((path, try b.request(.get, path)))
        }
        try b.signIn(f.codes["BAOKT"] ?? "")
        for path in ["/agency", "/agency/template.csv", "/agency/checked", "/officer"] {
            replies.append((path, try b.request(.get, path)))
        }
        replies.append(("api 401", try b.api(.get, "/api/status", code: nil)))
        replies.append(("api status", try b.api(.get, "/api/status", code: f.codes["BAOKT"])))
        for (path, reply) in replies { expectSecurityHeaders(reply, path) }
        let css = try b.request(.get, "/assets/portal.css")
        #expect(css.header("Content-Type") == "text/css; charset=utf-8")
        let home = try b.request(.get, "/agency")
        #expect(!home.text.contains("<script>") && !home.text.contains("style="))
        #expect(home.text.contains("<script src=\"/assets/portal.js\"></script>"))
        #expect(home.text.contains("Đồng hồ mô phỏng"))
        #expect(home.text.contains("còn"))
    }

    @Test("a hostile file name and hostile text in a file are escaped on every page")
    func escaping() throws {
        let f = try Fixture()
        let b = f.browser()
        try b.signIn(f.codes["STTTT"] ?? "")
        let hostile = "<script>alert(1)<\\script><i>'.csv"
        var bytes = Repo.example("so-thong-tin.csv")
        bytes += Array("<img src=x onerror=alert(2)>,\"<b>bold</b>\"\n".utf8)
        let reply = try b.upload("/agency/submit", file: bytes, name: hostile)
        #expect(reply.status == 303)
        let receipt = try b.follow(reply)
        #expect(receipt.status == 200)
        for page in [receipt.text, try b.request(.get, "/agency").text] {
            #expect(!page.contains("<script>alert"))
            #expect(!page.contains("<img src=x"))
            #expect(!page.contains("<b>bold"))
            #expect(page.contains("&lt;i&gt;&#39;.csv"))
            #expect(!page.contains("<i>'"))
        }
        let officer = f.browser(from: "198.51.100.30")
        try officer.signIn(f.officer)
        let unknown = try officer.upload(
            "/officer/submit",
            file: Array("Mã đơn vị,<svg onload=alert(3)>\nSTT,Mã nội dung,Thành tiền\n1,I.1,5\n".utf8),
            name: "x.csv")
        let page = try officer.follow(unknown)
        #expect(!page.text.contains("<svg onload"))
        #expect(page.text.contains("&lt;svg onload=alert(3)&gt;"))
        let board = try officer.request(.get, "/officer")
        #expect(!board.text.contains("<svg onload") && !board.text.contains("<script>alert"))
    }

    @Test("the language switch: English pages after /lang/en, Vietnamese by default")
    func english() throws {
        let f = try Fixture()
        let b = f.browser()
        #expect(try b.request(.get, "/").text.contains("Đăng nhập"))
        let switched = try b.request(.get, "/lang/en?next=/agency")
        #expect(switched.status == 303 && switched.header("Location") == "/agency")
        #expect(b.cookies[Portal.languageCookie] == "en")
        let page = try b.request(.get, "/")
        #expect(page.text.contains("Sign in") && page.text.contains("<html lang=\"en\">"))
        #expect(page.text.contains("Simulated clock"))
        try b.signIn(f.codes["BAOKT"] ?? "")
        let home = try b.request(.get, "/agency")
        #expect(home.text.contains("Send the estimate") && home.text.contains("Check"))
        #expect(try b.request(.get, "/lang/vi?next=//evil.example/").header("Location") == "/")
        #expect(try b.request(.get, "/").text.contains("Gửi dự toán") == false)
        #expect(try b.request(.get, "/agency").text.contains("Gửi dự toán"))
        let json = try b.api(
            .post, "/api/check?lang=en", code: f.codes["STTTT"], file: Repo.example("so-thong-tin-loi.csv"))
        #expect(json.text.contains("Amount 15.750.000") || json.text.contains("15.750.000"))
    }

    @Test("check and submit through the pages: findings shown with line, column, value and hint; a receipt page")
    func agencyFlow() throws {
        let f = try Fixture()
        let b = f.browser()
        try b.signIn(f.codes["STTTT"] ?? "")
        let template = try b.request(.get, "/agency/template.csv")
        #expect(template.status == 200)
        #expect(template.header("Content-Disposition") == "attachment; filename=\"mau-du-toan-STTTT.csv\"")
        #expect(template.text.contains("STTTT"))
        let checked = try b.follow(
            try b.upload("/agency/check", file: Repo.example("so-thong-tin-loi.csv"), name: "so-thong-tin-loi.csv"))
        #expect(checked.status == 200)
        #expect(checked.text.contains("CÓ LỖI"))
        #expect(checked.text.contains("amount-mismatch") && checked.text.contains("15.750.000"))
        #expect(checked.text.contains("Thành tiền") && checked.text.contains("Sửa thành tiền thành 17.500.000"))
        #expect(try ReceiptLookup().receipt(1, roundDirectory: f.round) == nil, "check stores nothing")
        let sent = try b.upload("/agency/submit", file: Repo.example("so-thong-tin.csv"), name: "so-thong-tin.csv")
        #expect(sent.status == 303 && sent.header("Location") == "/receipts/1")
        let receipt = try b.follow(sent)
        #expect(receipt.text.contains("Biên nhận số 1") && receipt.text.contains("CHẤP NHẬN"))
        #expect(receipt.text.contains("so-thong-tin.csv") && receipt.text.contains("196.500.000"))
        #expect(receipt.text.contains("button type=\"button\" class=\"print\""))
    }

    @Test("the API answers 200 checked, 201 accepted, 422 returned, 409 late, 400 without a file, 401 without a code")
    func apiStatuses() throws {
        let f = try Fixture()
        let b = f.browser()
        let code = f.codes["STTTT"]
        let checked = try b.api(
            .post, "/api/check", code: code, file: Repo.example("so-thong-tin-loi.csv"), name: "loi.csv")
        #expect(checked.status == 200)
        #expect(checked.json["file"] as? String == "loi.csv" && checked.json["valid"] as? Bool == false)
        #expect((checked.json["findings"] as? [[String: Any]])?.first?["line"] as? Int == 9)
        let accepted = try b.api(.post, "/api/submissions", code: code, file: Repo.example("so-thong-tin.csv"))
        #expect(accepted.status == 201)
        #expect(accepted.header("Location") == "/api/receipts/1")
        #expect(accepted.json["decision"] as? String == "accepted")
        let returned = try b.api(.post, "/api/submissions", code: code, file: Repo.example("so-thong-tin-loi.csv"))
        #expect(returned.status == 422)
        #expect(returned.json["decision"] as? String == "returned")
        #expect(try b.api(.post, "/api/submissions", code: code).status == 415)
        #expect(try b.api(.post, "/api/submissions", code: code, file: nil, fields: [("a", "b")]).status == 415)
        #expect(try b.api(.post, "/api/submissions", code: nil, file: Repo.example("so-thong-tin.csv")).status == 401)
        #expect(try ReceiptLookup().receipt(3, roundDirectory: f.round) == nil)
        // The same receipt object as the command line prints.
        let again = try b.api(.get, "/api/receipts/1", code: code)
        #expect(again.text == accepted.text)

        let late = try Fixture(now: "2020-03-11T09:00:00+07:00", round: f.round)
        let refused = try late.browser().api(
            .post, "/api/submissions", code: code, file: Repo.example("so-thong-tin.csv"))
        #expect(refused.status == 409)
        #expect(refused.json["decision"] as? String == "refused-late")
        let officer = try late.browser().api(
            .post, "/api/submissions", code: f.officer, file: Repo.example("so-thong-tin.csv"),
            fields: [("acceptLate", "true"), ("reason", "Công văn 12/STTTT")])
        #expect(officer.status == 201)
        #expect(officer.json["decision"] as? String == "accepted-late")
        let byHand = try late.browser().api(
            .post, "/api/submissions", code: f.officer, file: Repo.example("bao-kon-tum.csv"),
            fields: [("receivedAt", "2020-03-10T16:30:00"), ("note", "nhận qua thư điện tử")])
        #expect(byHand.status == 201)
        #expect(byHand.json["receivedAt"] as? String == "2020-03-10T16:30:00+07:00")
        #expect(byHand.json["note"] as? String == "nhận qua thư điện tử")
        let noNote = try late.browser().api(
            .post, "/api/submissions", code: f.officer, file: Repo.example("bao-kon-tum.csv"),
            fields: [("receivedAt", "2020-03-10T16:30:00")])
        #expect(noNote.status == 400)
        let journal = try RecordEvent().journal(roundDirectory: f.round).filter { $0.action == "submit" }
        #expect(
            journal.map(\.actor) == [
                "agency:STTTT", "agency:STTTT", "agency:STTTT", "officer:Cán bộ A", "officer:Cán bộ A",
            ])
    }

    @Test("void through the API: 200, then 409; 404 unknown; 400 without a reason; JSON or form")
    func voidAPI() throws {
        let f = try Fixture()
        let b = f.browser()
        #expect(
            try b.api(.post, "/api/submissions", code: f.codes["BAOKT"], file: Repo.example("bao-kon-tum.csv")).status
                == 201)
        #expect(try b.api(.post, "/api/receipts/1/void", code: f.officer).status == 400)
        #expect(try b.api(.post, "/api/receipts/1/void", code: f.officer, fields: [("reason", "  ")]).status == 400)
        #expect(try b.api(.post, "/api/receipts/7/void", code: f.officer, fields: [("reason", "x")]).status == 404)
        #expect(try b.api(.post, "/api/receipts/abc/void", code: f.officer, fields: [("reason", "x")]).status == 404)
        var saved = b.cookies
        b.cookies = [:]
        let json = try b.request(
            .post, "/api/receipts/1/void",
            headers: [("Authorization", "Bearer \(f.officer)"), ("Content-Type", "application/json")],
            body: Array(#"{"reason": "Nhập nhầm đơn vị"}"#.utf8))
        b.cookies = saved
        #expect(json.status == 200)
        #expect(json.json["voided"] as? Bool == true && json.json["stateAfter"] as? String == "missing")
        let twice = try b.api(.post, "/api/receipts/1/void", code: f.officer, fields: [("reason", "again")])
        #expect(twice.status == 409)
        saved = [:]
        let event = try RecordEvent().journal(roundDirectory: f.round).last
        #expect(event?.action == "void" && event?.receiptID == 1 && event?.detail == "Nhập nhầm đơn vị")
    }

    @Test("the officer's board, an agency's page, a late file accepted by exception, a void, the package ZIP")
    func officerFlow() throws {
        let f = try Fixture(now: "2020-03-11T09:00:00+07:00")
        let o = f.browser()
        #expect(try o.signIn(f.officer).header("Location") == "/officer")
        let board = try o.request(.get, "/officer")
        #expect(board.status == 200 && board.text.contains("Bảng theo dõi") && board.text.contains("BAOKT"))
        #expect(board.text.contains("đã quá hạn"))
        let late = try o.upload(
            "/officer/submit", file: Repo.example("bao-kon-tum.csv"), name: "bao-kon-tum.csv",
            fields: [
                ("agency", ""), ("receivedAt", ""), ("note", ""), ("acceptLate", "on"), ("reason", "Đã báo trước"),
            ])
        #expect(late.status == 303)
        let receipt = try o.follow(late)
        #expect(receipt.text.contains("CHẤP NHẬN SAU HẠN") && receipt.text.contains("Đã báo trước"))
        let void = try o.form("/receipts/1/void", [("reason", "Nhầm tệp")])
        #expect(void.status == 303)
        #expect(try o.follow(void).text.contains("ĐÃ HỦY"))
        let missingReason = try o.form("/receipts/1/void", [("reason", "")])
        #expect(missingReason.status == 400 || missingReason.status == 409)
        #expect(try o.request(.get, "/officer/agencies/BAOKT").text.contains("bao-kon-tum.csv"))
        #expect(try o.request(.get, "/officer/agencies/NOPE").status == 404)
        let zip = try o.form("/officer/package.zip", [("number", "45/TTr-STTTT"), ("signer", "Nguyễn Văn A")])
        #expect(zip.status == 200)
        #expect(zip.header("Content-Type") == "application/zip")
        #expect(Array(zip.body.prefix(2)) == [0x50, 0x4B])
        #expect(String(decoding: zip.body, as: UTF8.self).contains("manifest.json"))
        let api = try o.api(.get, "/api/package.zip", code: f.officer)
        #expect(api.status == 200 && Array(api.body.prefix(4)) == [0x50, 0x4B, 0x03, 0x04])
        for what in ["agencies", "items", "matrix", "lines"] {
            for format in ["csv", "xlsx", "html"] {
                let sheet = try o.request(.get, "/officer/sheets/\(what).\(format)")
                #expect(sheet.status == 200, "\(what).\(format)")
                #expect(!sheet.body.isEmpty)
            }
        }
        #expect(try o.request(.get, "/officer/sheets/agencies.json").status == 404)
        #expect(try o.request(.get, "/officer/journal").text.contains("package"))
        let actions = try RecordEvent().journal(roundDirectory: f.round).map(\.action)
        #expect(actions.contains("submit") && actions.contains("void") && actions.contains("package"))
        // The scratch folder holds nothing once the downloads are done.
        #expect(LocalFileSystem().list(f.portal.scratch.path).isEmpty)
    }

    @Test("sign-out ends the session on the server")
    func signOut() throws {
        let f = try Fixture()
        let b = f.browser()
        try b.signIn(f.codes["CAT"] ?? "")
        let old = b.cookies[Portal.cookieName]
        #expect(try b.form("/sign-out", []).status == 303)
        #expect(b.cookies[Portal.cookieName] == nil)
        b.cookies[Portal.cookieName] = old
        #expect(try b.request(.get, "/agency").status == 303)
        #expect(try RecordEvent().journal(roundDirectory: f.round).last?.action == "sign-out")
    }

    @Test("a store that fails is a 503, never a 401 or a page that pretends")
    func storeFailure() throws {
        let f = try Fixture()
        let b = f.browser()
        #expect(try b.api(.get, "/api/status", code: f.codes["CAT"]).status == 200)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: f.round + "/round.sqlite"))
        try handle.write(contentsOf: Data(repeating: 0x5A, count: 100))
        try handle.close()
        let reply = try b.api(.get, "/api/status", code: f.codes["CAT"])
        #expect(reply.status == 503)
        #expect(reply.json["error"] != nil)
        let page = try b.request(.get, "/")
        #expect(page.status == 200, "the sign-in page needs no store")
        #expect(try b.form("/sign-in", [("code", f.codes["CAT"] ?? "")]).status == 503)
    }
}
