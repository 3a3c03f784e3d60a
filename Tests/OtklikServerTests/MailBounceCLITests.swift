import Foundation
import OtklikCore
import OtklikStore
import Testing

/// `otklik mail bounce FILE` (issue 19 item 1), as a mailbox's pipe runs it: a bounce recorded on its delivery, a repeat
/// recorded once, a delay changing nothing; exit 2 naming the field for a malformed notification, exit 1 for one about
/// no message Otklik sent.
@Suite struct MailBounceCLITests {
    @Test(.enabled(if: CLITests.binary != nil, "the otklik executable is not built"))
    func aBounceFromAFileIsRecordedOnce() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-bounce-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = "sqlite:\(directory.path)/bounce.sqlite"
        let database = try await AppDatabase.open(url, logger: .init(label: "bounce-cli-test"))
        for id in ["dsn-fixture-1", "dsn-fixture-2"] {
            try await database.deliveries.record(
                DeliveryAttempt(
                    id: id, kind: "programme_message", subject: nil, channel: "email", recipient: "someone@example.org", template: "programme:news",
                    language: "ru", provider: "smtp", outcome: .sent(providerId: "<\(id)@otklik>")), now: Date())
        }
        try await database.close()
        func fixture(_ name: String) -> String { DeliveryBounceAPITests.directory.appendingPathComponent(name).path }

        let bounce = try CLVCLITests.otklik(["mail", "bounce", "--db", url, fixture("postfix-user-unknown.eml")])
        #expect(bounce.status == 0, "\(bounce.stderr)")
        #expect(bounce.stdout.hasPrefix("bounced\t5.1.1\tn***@example.org\tdelivery dsn-fixture-1 (programme_message)\trecorded"), "\(bounce.stdout)")
        let again = try CLVCLITests.otklik(["mail", "bounce", "--db", url, fixture("postfix-user-unknown.eml")])
        #expect(again.status == 0 && again.stdout.contains("already recorded"), "\(again.stdout) \(again.stderr)")
        let delayed = try CLVCLITests.otklik(["mail", "bounce", "--db", url, "--format", "json", fixture("exim-delayed.eml")])
        #expect(delayed.status == 0, "\(delayed.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(delayed.stdout.utf8)) as? [String: Any], "\(delayed.stdout)")
        #expect(json["outcome"] as? String == "delayed" && json["changed"] as? Bool == false)
        #expect((json["delivery"] as? [String: Any])?["status"] as? String == "sent")

        let malformed = try CLVCLITests.otklik(["mail", "bounce", "--db", url, fixture("malformed-no-status.eml")])
        #expect(malformed.status == 2 && malformed.stderr.contains("status: "), "\(malformed.stderr)")
        let unknown = try CLVCLITests.otklik(["mail", "bounce", "--db", url, fixture("envelope-id-mailbox-disabled.eml")])
        #expect(unknown.status == 1 && unknown.stderr.contains("message_id: ") && unknown.stderr.contains("dsn-fixture-3"), "\(unknown.stderr)")

        let reopened = try await AppDatabase.open(url, logger: .init(label: "bounce-cli-test"))
        #expect(try await reopened.deliveries.delivery(id: "dsn-fixture-1")?.status == .bounced)
        #expect(try await reopened.deliveries.delivery(id: "dsn-fixture-2")?.status == .sent)
        try await reopened.close()
    }
}
