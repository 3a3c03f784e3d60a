import Foundation
import Testing

/// Issue 20 item 6: `otklik assess items|score|report` as a user runs them — the 55 items as JSON, a file scored all
/// or nothing with the bad line named, a retry storing nothing, and the report's JSON with the change and evidence.
@Suite struct MaturityCLITests {
    static func json(_ output: String) throws -> Any {
        let start = try #require(output.firstIndex { $0 == "[" || $0 == "{" })
        return try JSONSerialization.jsonObject(with: Data(output[start...].utf8))
    }

    @Test(.enabled(if: CLITests.binary != nil, "the otklik executable is not built"))
    func itemsScoreAndReport() throws {
        let directory = try CLITests.scratchFolder()
        defer { try? FileManager.default.removeItem(at: directory) }

        let items = try #require(try Self.json(try CLITests.run(["assess", "items", "--format", "json"], in: directory).output) as? [[String: Any]])
        #expect(items.count == 55)
        #expect(items.map { $0["id"] as? String ?? "" }.prefix(3) == ["1a", "1b", "1c"] && items.last?["id"] as? String == "7e")
        #expect(Set(items.flatMap(\.keys)) == ["id", "pillar", "domain", "domain_name_ru", "domain_name_en", "text_ru", "text_en"])
        #expect(items[20]["id"] as? String == "3e" && items[20]["pillar"] as? String == "insight" && items[20]["domain"] as? Int == 3)
        #expect(items[54]["pillar"] as? String == "experience_design" && items[54]["domain_name_en"] as? String == "Customer lifecycle management")
        let table = try CLITests.run(["assess", "items"], in: directory).output
        #expect(table.split(separator: "\n").count == 55 && table.hasPrefix("1a\tculture\t1\t"))

        let db = "sqlite:\(directory.path)/x.sqlite"
        // The store comes with a feedback import (assess score never creates an empty database).
        let feedback = directory.appendingPathComponent("f.csv")
        try "id,ts,channel,location,staff,nps\nf1,2026-03-02T09:15:00Z,terminal,L1,S01,9\n".write(to: feedback, atomically: true, encoding: .utf8)
        #expect(try CLITests.run(["import", "feedback", feedback.path, "--db", db], in: directory).status == 0)
        let bad = directory.appendingPathComponent("bad.csv")
        try "id,score,evidence\n1a,3,ok\n1b,9,\n".write(to: bad, atomically: true, encoding: .utf8)
        let refused = try CLITests.run(["assess", "score", bad.path, "--db", db], in: directory)
        #expect(refused.status == 2 && refused.output.contains("line 3: the score of '1b' is '9'") && refused.output.contains("nothing was stored"), "\(refused.output)")

        let before = directory.appendingPathComponent("before.csv")
        try "id,score,evidence\n1a,1,\n1b,1,\n".write(to: before, atomically: true, encoding: .utf8)
        let first = try CLITests.run(["assess", "score", before.path, "--scorer", "anna", "--taken-at", "2026-05-01", "--db", db], in: directory)
        #expect(first.status == 0 && first.output.contains("stored: 2 of 55 standards scored"), "\(first.output)")
        let now = directory.appendingPathComponent("now.csv")
        try "id,score,evidence\n1a,3,\"Миссия, утверждена\"\n1b,4,\n3h,2,\n".write(to: now, atomically: true, encoding: .utf8)
        #expect(try CLITests.run(["assess", "score", now.path, "--scorer", "anna", "--taken-at", "2026-11-01", "--db", db], in: directory).status == 0)
        let retry = try CLITests.run(["assess", "score", now.path, "--scorer", "anna", "--db", db], in: directory)
        #expect(retry.status == 0 && retry.output.contains("nothing stored"), "\(retry.output)")

        let report = try #require(try Self.json(try CLITests.run(["assess", "report", "--format", "json", "--db", db], in: directory).output) as? [String: Any])
        let overall = try #require(report["overall"] as? [String: Any])
        // (3 + 4 + 2) / 3 → 75 now; (1 + 1) / 2 → 25 before.
        #expect(overall["score"] as? Double == 75 && overall["assessed"] as? Int == 3 && overall["previous_score"] as? Double == 25 && overall["change"] as? Double == 50)
        #expect(report["stage"] as? String == "easy_to_deal_with")
        #expect((report["current"] as? [String: Any])?["scorer"] as? String == "anna" && report["previous"] is [String: Any])
        let domains = try #require(report["domains"] as? [[String: Any]])
        #expect(domains.count == 7 && (domains[0]["figure"] as? [String: Any])?["score"] as? Double == 87.5)
        let itemsOut = try #require(report["items"] as? [[String: Any]])
        #expect(itemsOut.count == 55 && itemsOut[0]["evidence_note"] as? String == "Миссия, утверждена" && itemsOut[0]["previous_score"] as? Int == 1)
        let held = try #require(itemsOut.first { $0["id"] as? String == "3h" }?["otklik_evidence"] as? [String: Any])
        #expect(held["kind"] as? String == "complaints_followed_up" && held["n"] as? Int == 0)
        #expect((report["evidence"] as? [[String: Any]])?.count == 4 && (report["pillars"] as? [[String: Any]])?.count == 3)
        let text = try CLITests.run(["assess", "report", "--db", db], in: directory).output
        #expect(text.contains("overall\t75.0\t3/55 assessed\tchange +50.0\tstage easy_to_deal_with"), "\(text)")
    }
}
