import OtklikCore
import OtklikInterchange
import Testing

/// Issue 20 item 6: the self-assessment CSV `id,score,evidence` — every row checked, the bad line named.
@Suite struct MaturityCSVTests {
    static func field(_ text: String) -> String? {
        do {
            _ = try MaturityCSV.parse(text)
            return nil
        } catch { return "\(error.field ?? ""): \(error.message)" }
    }

    @Test func readsScoresNotesAndNotAssessed() throws {
        let rows = try MaturityCSV.parse("id,score,evidence\n1a,3,\"Миссия утверждена, 2026\"\n1с,,позже\n7E,0,\n")
        #expect(rows == [
            MaturityItemScore(itemId: "1a", score: 3, evidence: "Миссия утверждена, 2026"),
            MaturityItemScore(itemId: "1c", score: nil, evidence: "позже"),
            MaturityItemScore(itemId: "7e", score: 0, evidence: ""),
        ])
        // Columns in any order; evidence may be left out.
        #expect(try MaturityCSV.parse("score,id\n4,3h\n") == [MaturityItemScore(itemId: "3h", score: 4)])
    }

    @Test func namesTheLineOfABadRow() {
        #expect(Self.field("id,score,evidence\n1a,3,\n9z,2,\n")?.hasPrefix("line 3: unknown standard '9z'") == true)
        #expect(Self.field("id,score,evidence\n1a,3,\n1b,5,\n")?.hasPrefix("line 3: the score of '1b' is '5'") == true)
        #expect(Self.field("id,score,evidence\n1a,3,\n1b,two,\n")?.hasPrefix("line 3: the score of '1b' is 'two'") == true)
        #expect(Self.field("id,score,evidence\n1a,3,\n2b,1,\n1а,2,\n") == "line 4: standard '1a' is scored twice (first on line 2)")
        #expect(Self.field("id,score,evidence\n,3,\n") == "line 2: the id is empty")
        #expect(Self.field("code,value\n1a,3\n")?.hasPrefix("line 1: the header must name the columns id and score") == true)
        #expect(Self.field("id,score,evidence\n")?.hasPrefix("line 2: no rows") == true)
        #expect(Self.field("")?.hasPrefix("line 1: the file is empty") == true)
    }
}
