import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import Testing
@testable import OtklikServer

/// Russian pages write a decimal comma: the dashboard once said "27.1" and "95% ДИ [24.1; 30.1]" on a Russian page
/// (found on its screenshot). The comma goes into the text between tags only; what a user edits, copies or follows keeps
/// its point.
@Suite struct DecimalCommaTests {
    @Test func figuresInTextGetACommaAndNothingElseChanges() {
        let cases: [(String, String)] = [
            ("<p>27.1</p>", "<p>27,1</p>"),
            ("<dd>95% ДИ [24.1; 30.1]</dd>", "<dd>95% ДИ [24,1; 30,1]</dd>"),
            ("<b>−2.5 п. NPS</b> p = 0.509", "<b>−2,5 п. NPS</b> p = 0,509"),
            ("<text x=\"12.5\" y=\"3.0\">-10.25</text>", "<text x=\"12.5\" y=\"3.0\">-10,25</text>"),
            ("<input name=\"target\" value=\"82.5\"><a href=\"/x?v=1.5\">1.5</a>", "<input name=\"target\" value=\"82.5\"><a href=\"/x?v=1.5\">1,5</a>"),
            ("<textarea>версия 2.5</textarea> 2.5", "<textarea>версия 2.5</textarea> 2,5"),
            ("<script>const a = 0.5;</script><style>.x{width:1.5rem}</style>0.5", "<script>const a = 0.5;</script><style>.x{width:1.5rem}</style>0,5"),
            ("<pre>1.0</pre><code>otklik 2.0</code>3.0", "<pre>1.0</pre><code>otklik 2.0</code>3,0"),
            ("<td>127.0.0.1</td><td>1.2.3</td><td>1,234.5</td>", "<td>127.0.0.1</td><td>1.2.3</td><td>1,234.5</td>"),
            ("<td>2026-11-22 · 12:30 · docs/methods.md · п. 3. Итог</td>", "<td>2026-11-22 · 12:30 · docs/methods.md · п. 3. Итог</td>"),
            ("<SCRIPT>x = 1.5</SCRIPT> 1.5.", "<SCRIPT>x = 1.5</SCRIPT> 1,5."),
        ]
        for (html, expected) in cases {
            #expect(DecimalComma.apply(to: html) == expected, "\(html)")
        }
    }

    /// 10 answers: 6 promoters, 3 detractors, 1 passive → NPS 100·(6 − 3)/10 = 30.0, CES 5.25 from four answers of 5, 5, 5, 6.
    @Test func theDashboardWritesCommasInRussianAndPointsInEnglish() async throws {
        try await TestApp.withRouter(minimumN: 1) { test, client in
            let scores = [10, 10, 10, 9, 9, 9, 2, 3, 4, 8]
            let ces: [Int?] = [5, 5, 5, 6, nil, nil, nil, nil, nil, nil]
            let items = scores.enumerated().map { index, score in
                Feedback(id: "d\(index)", ts: Date().addingTimeInterval(-3600 * Double(index + 1)), channel: .terminal, kind: .informative,
                         location: "L01", nps: score, ces: ces[index])
            }
            _ = try await test.app.ingest.ingest(items)
            let cookie = try #require(try await DashboardTests.login(client))
            let (_, ru) = try await DashboardFigureTests.page(client, cookie, "/?lang=ru")
            let (_, en) = try await DashboardFigureTests.page(client, cookie, "/?lang=en")
            #expect(ru.contains(">30,0<"), "NPS 30.0 in Russian")
            #expect(ru.contains(">5,25"), "CES 5.25 in Russian")
            #expect(en.contains(">30.0<") && en.contains(">5.25"))
            #expect(!en.contains(">30,0<"))
        }
    }
}
