import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OtklikCore
@testable import OtklikServer
import OtklikStore
import Testing

/// Issue 21 item 4: `/audit` says what each entry's detail records in the page's language — every kind of detail (a
/// search, the customer list and review queue, a part of a customer's record, an export to a file, an erasure, a
/// merge with and without a review, an unmerge, a pair kept apart, imports of customers and consents, a retention
/// round, a role change), some written through the real pages and API, each row's detail compared with the sentence
/// written out here by hand; an entry stored before migration 0059 in words is read in the page's language too, and
/// one in none of the known forms is shown as stored, marked so. The Russian page's table and filters hold no English
/// word (the Latin words left are ids, codes and user names), and the API keeps `detail` in English beside `facts`.
@Suite struct AuditPageLanguageTests {
    /// The text of the detail cell of row `id` in `html`.
    static func detail(_ html: String, _ id: String) -> String? {
        guard let row = html.components(separatedBy: "<tr id=\"\(id)\">").dropFirst().first?.components(separatedBy: "</tr>").first else { return nil }
        return row.components(separatedBy: "<td class=\"audit-detail\">").last?.components(separatedBy: "</td>").first
    }

    static func plain(_ html: String) -> String {
        html.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
    }

    static func latinWords(_ text: String) -> Set<String> {
        Set(text.components(separatedBy: CharacterSet.letters.inverted).filter { word in
            !word.isEmpty && word.unicodeScalars.contains { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
        })
    }

    @Test func eachKindOfDetailReadsInThePagesLanguage() async throws {
        try await TestApp.withRouter { test, client in
            try await CustomerAPITests.post(test, client)
            try await test.app.database.access.createUser(username: "boss", passwordHash: try await test.app.hasher.hash(TestApp.password), role: .administrator)
            let boss = try #require(try await NotificationPageTests.login(client, user: "boss"))
            let audit = SQLAuditLog(database: test.app.database.sql)
            let phone = CustomerAPITests.phoneCustomer

            // Through the pages and the API: a search, an import proposing a pair, the pair kept apart on the page, a
            // merge undone on the customer's page.
            try await client.execute(uri: "/customers?q=Olga&lang=ru", method: .get, headers: [.cookie: boss]) { #expect($0.status == .ok) }
            var headers = test.auth
            headers[.contentType] = "text/csv"
            let imported = try await client.execute(
                uri: "/api/v1/customers/import", method: .post, headers: headers, body: ByteBuffer(string: "id,device\nC1,kiosk-1\nC7,kiosk-1\n")
            ) { ($0.json["rows"] as? Int ?? -1, $0.json["created"] as? Int ?? -1) }
            #expect(imported.0 == 2)
            let item = try #require(try await test.app.database.customerReview.open().first)
            try await client.execute(
                uri: "/customers/review/\(item.id)", method: .post, headers: DashboardTests.form(boss), body: ByteBuffer(string: "decision=keep_apart")
            ) { #expect($0.status == .seeOther) }
            let mergeID = try await test.app.database.customerMerges.merge(survivor: "C1", absorbed: phone, evidence: ["rule": "manual"], actor: "test").id
            try await client.execute(
                uri: "/customers/C1/unmerge", method: .post, headers: DashboardTests.form(boss), body: ByteBuffer(string: "merge=\(mergeID)")
            ) { #expect($0.status == .seeOther) }
            func only(_ action: String) async throws -> AuditEntry {
                let entries = try await audit.list(AuditFilter(action: action)).entries
                #expect(entries.count == 1, "\(action): \(entries.map(\.detail))")
                return try #require(entries.first)
            }
            let search = try await only("search"), importEntry = try await only("import"), kept = try await only("review"), unmerge = try await only("unmerge")
            #expect(kept.actor == "user:boss" && kept.facts == .keptApart(review: item.id), "the page's decision is audited as the API's")
            #expect(unmerge.actor == "user:boss" && unmerge.subjectId == "C1" && unmerge.facts == .unmerged(merge: mergeID, restored: phone))

            // The other kinds, as their writers record them.
            let t0 = Date().addingTimeInterval(-3600)
            let written: [(String, String, String?, AuditDetail)] = [
                ("a01", "view", nil, .customerList), ("a02", "view", nil, .reviewQueue), ("a03", "view", "C1", .section("value")),
                ("a04", "export", "C1", .exportFile("c1.json")), ("a05", "erase", "C9", .erased(customers: ["C9", "C10"])),
                ("a06", "merge", "C1", .merged(merge: "m1", absorbed: "C7", review: nil)), ("a07", "merge", "C1", .merged(merge: "m2", absorbed: "C8", review: "r5")),
                ("a08", "import", nil, .consentsImported(count: 4)), ("a09", "retention", nil, .retention(removed: ["comments": 5, "audit": 1])),
            ]
            for (index, (id, action, subject, facts)) in written.enumerated() {
                try await audit.record(AuditEntry(id: id, at: t0.addingTimeInterval(Double(index)), actor: "cli", action: action, subjectId: subject, facts: facts))
            }
            let before = User(username: "vera", passwordHash: "x", role: .viewer)
            var role = UserRoleAudit.entry(actor: "cli", username: "vera", before: before, role: .locationManager, scope: .locations(["L02", "L01"]), at: t0)
            role.id = "a10"
            try await audit.record(role)
            // Rows as a version before 0059 stored them: words only.
            for (id, action, detail) in [("b1", "erase", "customers C11"), ("b2", "role", "- → administrator over organisation"), ("b3", "merge", "merged <by> hand")] {
                try await test.app.database.sql.execute(
                    "INSERT INTO audit_log (id, at, actor, action, subject_kind, subject_id, detail) VALUES (?, ?, 'cli', ?, 'customer', NULL, ?)",
                    [.text(id), .int(Int64(t0.timeIntervalSince1970 * 1000) - 1000), .text(action), .text(detail)])
            }

            let expected: [String: (ru: String, en: String)] = [
                search.id: ("по параметрам q (их значения не записываются)", "by the parameters q (their values are not recorded)"),
                importEntry.id: ("клиенты: строк 2, создано \(imported.1)", "customers: 2 rows, \(imported.1) created"),
                kept.id: ("проверка \(item.id): записи оставлены раздельными", "review \(item.id): the records kept apart"),
                unmerge.id: ("объединение \(mergeID) отменено: клиент \(phone) восстановлен", "merge \(mergeID) undone: customer \(phone) restored"),
                "a01": ("список клиентов", "the list of customers"),
                "a02": ("очередь возможных совпадений на проверку", "the queue of possible matches to review"),
                "a03": ("раздел: ценность клиента", "part: customer value"),
                "a04": ("в файл c1.json", "to the file c1.json"),
                "a05": ("удалены данные клиентов: C9, C10", "customers erased: C9, C10"),
                "a06": ("объединение m1: присоединён клиент C7", "merge m1: customer C7 absorbed"),
                "a07": ("объединение m2: присоединён клиент C8 по проверке r5", "merge m2: customer C8 absorbed on review r5"),
                "a08": ("согласия: 4", "consents: 4"),
                "a09": ("удалено: записи журнала аудита: 1; комментарии: 5", "removed: audit entries: 1; comments: 5"),
                "a10": ("Наблюдатель, вся организация → Управляющий точкой, точки: L01, L02", "Viewer, whole organisation → Location manager, locations: L01, L02"),
                "b1": ("удалены данные клиентов: C11", "customers erased: C11"),
                "b2": ("роли не было → Администратор, вся организация", "no role → Administrator, whole organisation"),
                "b3": ("<span class=\"muted\">как записано:</span> <span class=\"code wrap-anywhere\">merged &lt;by&gt; hand</span>",
                       "<span class=\"muted\">as stored:</span> <span class=\"code wrap-anywhere\">merged &lt;by&gt; hand</span>"),
            ]
            var pages: [String: String] = [:]
            for lang in ["ru", "en"] {
                pages[lang] = try await client.execute(uri: "/audit?lang=\(lang)", method: .get, headers: [.cookie: boss, .accept: "text/html"]) { response in
                    #expect(response.status == .ok)
                    return response.text
                }
            }
            let ru = try #require(pages["ru"]), en = try #require(pages["en"])
            for (id, words) in expected {
                #expect(Self.detail(ru, id) == words.ru, "ru \(id)")
                #expect(Self.detail(en, id) == words.en, "en \(id)")
            }
            #expect(Self.detail(ru, "b3")?.contains("как записано") == true)

            // No English on the Russian page's table and filters but the codes: ids, user names, parameter and file names.
            let table = ru.components(separatedBy: "<tbody>")[1].components(separatedBy: "</tbody>")[0]
                .replacingOccurrences(of: "<tr id=\"b3\">", with: "<tr>").components(separatedBy: "<tr>").filter { !$0.contains("как записано") }.joined()
            // "API" is Russian usage («Ключ API»); `tests` is the test key's name.
            let codes = [phone, item.id, mergeID, "C1", "C7", "C8", "C9", "C10", "C11", "m1", "m2", "r5", "boss", "vera", "tests", "API", "q", "c1.json", "L01", "L02"]
            let allowed = Self.latinWords(codes.joined(separator: " "))
            #expect(Self.latinWords(Self.plain(table)).subtracting(allowed).isEmpty, "\(Self.latinWords(Self.plain(table)).subtracting(allowed))")
            let form = ru.components(separatedBy: "<form method=\"get\" action=\"/audit\"")[1].components(separatedBy: "</form>")[0]
            let label = form.components(separatedBy: "aria-label=\"")[1].prefix { $0 != "\"" }
            #expect(label == "Отбор записей журнала", "the form's name to a screen reader")
            let actions = "<" + form.components(separatedBy: "<select id=\"audit-action\"")[1].components(separatedBy: "</select>")[0]
            #expect(actions.components(separatedBy: "<option").count == AuditEntry.actions.count + 2)
            #expect(Self.latinWords(Self.plain(actions)).isEmpty, "every action's name is Russian: \(Self.plain(actions))")
            let fields = "<" + form.components(separatedBy: ">").dropFirst().joined(separator: ">")
            #expect(Self.latinWords(Self.plain(fields)).subtracting(allowed).isEmpty, "\(Self.latinWords(Self.plain(fields)).subtracting(allowed))")
            let heads = ru.components(separatedBy: "<thead>")[1].components(separatedBy: "</thead>")[0]
            #expect(Self.plain(heads).split(separator: " ") == ["Когда", "Кто", "Действие", "Чьи", "данные", "Подробности"])

            // The API keeps the English words in `detail` and adds the facts.
            try await client.execute(uri: "/api/v1/audit?action=unmerge", method: .get, headers: test.auth) { response in
                let item = try #require((response.json["items"] as? [[String: Any]])?.first)
                #expect(item["detail"] as? String == "merge \(mergeID) restored \(phone)")
                let facts = try #require(item["facts"] as? [String: Any])
                #expect(facts["kind"] as? String == "unmerged" && facts["merge"] as? String == mergeID && facts["restored"] as? String == phone)
            }
        }
    }

    @Test func theReadsAreClassifiedAsData() {
        func classify(_ path: String, _ parameters: [String] = []) -> String? {
            PersonalDataAuditMiddleware.classify(path: path, parameters: parameters).map { "\($0.action) \($0.subject ?? "-") \($0.detail?.kind ?? "-")" }
        }
        #expect(classify("/customers") == "view - customer_list")
        #expect(classify("/api/v1/customers", ["q", "lang", "phone"]) == "search - search")
        #expect(PersonalDataAuditMiddleware.classify(path: "/customers", parameters: ["q", "phone", "offset"])?.detail == .search(parameters: ["phone", "q"]))
        #expect(classify("/api/v1/customers/review") == "view - review_queue")
        #expect(classify("/api/v1/customers/C1") == "view C1 -")
        #expect(classify("/api/v1/customers/C1/value") == "view C1 section")
        #expect(classify("/api/v1/customers/C1/export") == "export C1 -")
        #expect(classify("/api/v1/customers/acquisition") == nil, "the organisation's acquisition figures are no customer's data")
        #expect(classify("/customers/at-risk", ["as_of"]) == "view - at_risk_list" && classify("/api/v1/customers/at-risk") == "view - at_risk_list")
        #expect(classify("/api/v1/customers/C1/churn") == "view C1 section")
    }

    @Test func aValueThatLooksLikeAPlaceholderStaysAsItIs() {
        let text = ["audit_d_merged": "merge {merge}: customer {absorbed} absorbed"]
        #expect(AuditDetailText.words(.merged(merge: "{absorbed}", absorbed: "C{merge}", review: nil), text: text) == "merge {absorbed}: customer C{merge} absorbed")
        #expect(AuditDetailText.fill("{a} {b} {", ["a": "{b}"]) == "{b} {b} {")
    }
}
