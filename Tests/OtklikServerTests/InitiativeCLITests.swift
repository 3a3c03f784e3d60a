import Foundation
import Testing

/// Issue 23 item 4: `otklik initiatives import FILE.csv` and `list`, as a user runs them.
@Suite struct InitiativeCLITests {
    @Test(.enabled(if: CLITests.binary != nil, "the otklik executable is not built"))
    func importsOnceAndRefusesBadLinesWithExitCode2() throws {
        let directory = try CLITests.scratchFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = "sqlite:\(directory.path)/x.sqlite"
        let feedback = directory.appendingPathComponent("f.csv")
        try "id,ts,channel,location,nps\nf1,2026-03-02T09:15:00Z,terminal,L1,9\nf2,2026-03-02T09:16:00Z,terminal,L2,3\n"
            .write(to: feedback, atomically: true, encoding: .utf8)
        #expect(try CLITests.run(["import", "feedback", feedback.path, "--db", db], in: directory).status == 0)

        let good = directory.appendingPathComponent("i.csv")
        try """
            id,title,owner,goal_metric,locations,services,budget,start,end,control,problems,themes
            q1,"Очередь по записи, этап 1",Ирина,nps,L1,,1 500 000,2026-02-01,2026-04-01,all,,queue;waiting_time

            """.write(to: good, atomically: true, encoding: .utf8)
        let first = try CLITests.run(["initiatives", "import", good.path, "--db", db], in: directory)
        #expect(first.status == 0 && first.output.contains("imported 1 initiatives (0 already stored)"), "\(first.output)")
        let again = try CLITests.run(["initiatives", "import", good.path, "--db", db], in: directory)
        #expect(again.status == 0 && again.output.contains("imported 0 initiatives (1 already stored)"), "\(again.output)")
        let list = try CLITests.run(["initiatives", "list", "--db", db], in: directory)
        #expect(list.output.contains("q1\tnps\t1500000\t") && list.output.contains("Очередь по записи, этап 1"), "\(list.output)")

        let bad = directory.appendingPathComponent("bad.csv")
        try "id,title,owner,goal_metric,locations,start\nq2,A,B,nps,L1,2026-02-01\nq3,A,B,nps,NOPE,2026-02-01\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        let refused = try CLITests.run(["initiatives", "import", bad.path, "--db", db], in: directory)
        #expect(refused.status == 2, "\(refused.output)")
        #expect(refused.output.contains("line 3, column locations: unknown location 'NOPE'; nothing was imported"), "\(refused.output)")
        let malformed = directory.appendingPathComponent("m.csv")
        try "id,title,owner,goal_metric,locations,start\nq4,A,B,revenue,L1,2026-02-01\n".write(to: malformed, atomically: true, encoding: .utf8)
        let wrongMetric = try CLITests.run(["initiatives", "import", malformed.path, "--db", db], in: directory)
        #expect(wrongMetric.status == 2 && wrongMetric.output.contains("goal_metric must be one of"), "\(wrongMetric.output)")
        #expect(!(try CLITests.run(["initiatives", "list", "--db", db], in: directory).output.contains("q2")), "all or nothing")
    }
}
