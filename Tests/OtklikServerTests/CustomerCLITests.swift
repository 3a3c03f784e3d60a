import Foundation
import Testing

/// Issue 18 items 1-3 from the command line: `otklik import customers` resolves identities and applies the merge
/// rules (a shared card merges, a shared device goes to review, placeholders are dropped), `customers search`,
/// `show --format json`, `merge`/`unmerge`, `review`, `import consents`, `export customers`, and an erasure that wins.
@Suite struct CustomerCLITests {
    static let customers = """
        id,phone,email,card,device,lang,time_zone,acquisition_source,acquired_at
        ,,Petrova@Yandex.ru,CARD7,,,,,
        C1,8 (912) 345-67-89,anna@mail.ru,CARD7,,ru,Europe/Moscow,web,2026-01-31T10:00:00Z
        C2,,boris@mail.ru,,dev-1,,,,
        C3,,vera@mail.ru,,dev-1,,,,
        00001,0,test@example.com,,,,,,

        """

    @Test(.enabled(if: CLITests.binary != nil, "the otklik executable is not built"))
    func importResolvesMergesAndAnErasureWins() throws {
        let directory = try CLITests.scratchFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = "sqlite:\(directory.path)/x.sqlite"
        func run(_ arguments: [String]) throws -> (status: Int32, output: String) { try CLITests.run(arguments + ["--db", db], in: directory) }
        let file = directory.appendingPathComponent("c.csv")
        try Self.customers.write(to: file, atomically: true, encoding: .utf8)

        let imported = try run(["import", "customers", file.path])
        #expect(imported.status == 0 && imported.output.contains("customers: 5 rows, 5 created, 1 merged, 1 sent to review"), "\(imported.output)")
        #expect(try run(["customers", "search", "--phone", "+7 912 345-67-89"]).output.hasPrefix("C1"))
        #expect(try run(["customers", "search", "--email", "PETROVA@yandex.ru"]).output.hasPrefix("C1"), "the card merged the e-mail's customer")
        #expect(try run(["customers", "search", "--external-id", "00001"]).output.hasPrefix("00001"), "00001 is an id, not a placeholder")
        #expect(try run(["customers", "search", "--phone", "0"]).status != 0, "a placeholder names nobody")
        #expect(try run(["customers", "review"]).output.contains("shared_device\tdevice:dev-1"))

        let badConsent = directory.appendingPathComponent("bad.csv")
        try "customer,purpose,channel,source,given_at\nC1,spam,sms,form,2026-02-01T00:00:00Z\n".write(to: badConsent, atomically: true, encoding: .utf8)
        let refused = try run(["import", "consents", badConsent.path])
        #expect(refused.status == 2 && refused.output.contains("purpose is service, survey or marketing"), "\(refused.output)")
        let consents = directory.appendingPathComponent("consents.csv")
        try "customer,purpose,channel,source,given_at,expires_at,withdrawn_at\nC1,marketing,sms,web form,2026-02-01T00:00:00Z,,\n"
            .write(to: consents, atomically: true, encoding: .utf8)
        #expect(try run(["import", "consents", consents.path]).output.contains("consents: 1 recorded"))

        let shown = try run(["customers", "show", "C1", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.output.utf8)) as? [String: Any], "\(shown.output)")
        let identities = (json["identities"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? String }
        #expect(Set(identities) == ["C1", "+79123456789", "anna@mail.ru", "petrova@yandex.ru", "CARD7"])
        #expect((json["consents"] as? [[String: Any]])?.first?["purpose"] as? String == "marketing")
        #expect((json["contact_preferences"] as? [String: Any])?["time_zone"] as? String == "Europe/Moscow")
        let merges = json["merges"] as? [[String: Any]] ?? []
        let mergeID = try #require(merges.first?["id"] as? String)
        #expect((merges.first?["evidence"] as? [String: String])?["rule"] == "exact:loyalty_card")
        #expect(json["timeline"] != nil)

        let exported = try run(["export", "customers"]).output
        #expect(exported.hasPrefix("id,phone,email,external_id,card,device,lang,time_zone,acquisition_source,acquired_at"))
        #expect(exported.contains("C1,+79123456789,anna@mail.ru;petrova@yandex.ru,,CARD7,,ru,Europe/Moscow,web,2026-01-31T10:00:00"), "\(exported)")

        let absorbed = try #require(merges.first?["absorbed"] as? String)
        #expect(try run(["customers", "unmerge", mergeID]).status == 0)
        #expect(try run(["customers", "search", "--email", "petrova@yandex.ru"]).output.hasPrefix(absorbed), "the unmerge gave the e-mail back")
        let again = try run(["customers", "merge", "C1", absorbed, "--reason", "same card"])
        #expect(again.status == 0)
        let secondID = again.output.split(separator: "\n").first { $0.hasPrefix("mrg_") }.map(String.init) ?? ""
        #expect(try run(["customers", "erase", "C1"]).output.contains("erased: C1, \(absorbed)"))
        let undo = try run(["customers", "unmerge", secondID])
        #expect(undo.status != 0 && undo.output.contains("an erasure wins"), "\(undo.output)")
    }
}
