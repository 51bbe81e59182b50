import Foundation
import Testing
@testable import Avro

/// IDL that cannot be read: each error has the code `invalidIDL`, names the file, line and
/// column, and says what is wrong.
@Suite struct IDLErrorTests {
    @Test(arguments: [
        // Tokens.
        ("protocol P { record R { string s = \"open; } }", "input.avdl:1:36", "string is not closed"),
        ("protocol P {\n  /* never closed", "input.avdl:2:3", "comment is not closed"),
        ("protocol P { record R { int i = 08; } }", "input.avdl:1:33", "'08' is not a number"),
        ("protocol P { record R { string s = \"\\q\"; } }", "input.avdl:1:37", "unknown escape '\\q'"),
        ("protocol P { record R { string s = \"\\u12\"; } }", "input.avdl:1:37", "four hex digits"),
        ("protocol P { record R { string s = \"\\uD800\"; } }", "input.avdl:1:36", "half of a surrogate pair"),
        ("protocol P { record R { string s = \"a\tb\"; } }", "input.avdl:1:38", "line break or tab"),
        ("protocol P { record R { int i; } } #", "input.avdl:1:36", "unexpected character '#'"),
        ("protocol P { record `R { } }", "input.avdl:1:21", "not closed with '`'"),
        // Syntax.
        ("protocol P { record R { int i } }", "input.avdl:1:31", "expected ';' after the field, found '}'"),
        ("protocol P { record R { int; } }", "input.avdl:1:28", "expected a field name, found ';'"),
        ("protocol P { record R {}", "input.avdl:1:25", "expected '}' to close the protocol"),
        ("protocol P { } extra", "input.avdl:1:16", "expected the end of the file"),
        ("protocol P { import foo \"x.avdl\"; }", "input.avdl:1:21", "'idl', 'protocol' or 'schema'"),
        ("protocol P { enum E { A B } }", "input.avdl:1:25", "expected ',' between symbols"),
        ("protocol P { fixed F(-1); }", "input.avdl:1:22", "size of a fixed"),
        ("protocol P { record R { decimal(0) d; } }", "input.avdl:1:33", "decimal(0, 0) is not valid"),
        ("protocol P { record R { decimal(4, 5) d; } }", "input.avdl:1:33", "decimal(4, 5) is not valid"),
        ("protocol P { record R { union { int, union { long } } u; } }", "input.avdl:1:38", "cannot directly contain another union"),
        ("protocol P { record R { union { int, string, int } u; } }", "input.avdl:1:46", "more than one branch of type 'int'"),
        ("protocol P { record R { map<int u; } }", "input.avdl:1:33", "expected '>'"),
        ("protocol P { record R { null? n; } }", "input.avdl:1:29", "'null?' is not a type"),
        ("namespace n; record R {} schema int;", "input.avdl:1:26", "a declaration"),
        ("@namespace(\"x\") schema int;", "input.avdl:1:17", "a declaration"),
        ("protocol P { record R { string s = {\"a\": 1, \"a\": 2}; } }", "input.avdl:1:45", "member \"a\" twice"),
        // Names.
        ("protocol P { record int {} }", "input.avdl:1:21", "built-in type"),
        ("protocol P { record R { int `1x`; } }", "input.avdl:1:29", "expected a name"),
        ("@namespace(\"a..b\") protocol P {}", "input.avdl:1:1", "invalid namespace 'a..b'"),
        ("protocol P { enum E { A, A } }", "input.avdl:1:26", "symbol 'A' twice"),
        ("protocol P { enum E { A } = B; }", "input.avdl:1:29", "'B' is not a symbol"),
        ("protocol P { record R { int a; long a; } }", "input.avdl:1:37", "two fields named 'a'"),
        ("protocol P { record R {} record R { int x; } }", "input.avdl:1:33", "declared twice"),
        ("protocol P { void m(int a, long a); }", "input.avdl:1:33", "two parameters named 'a'"),
        ("protocol P { void m(); void m(); }", "input.avdl:1:29", "'m' is declared twice"),
        // Types used and defaults.
        ("protocol P { record R { Missing m; } }", "input.avdl:1:25", "unknown type 'Missing'"),
        ("protocol P { record R { int i = \"x\"; } }", "input.avdl:1:33", "the default of 'i' of the record 'R' does not fit"),
        ("protocol P { record R { int? i = \"x\"; } }", "input.avdl:1:34", "does not fit"),
        ("protocol P { fixed F(2); record R { F f = \"abc\"; } }", "input.avdl:1:43", "does not fit"),
        ("protocol P { record R {} R m() throws R; }", "input.avdl:1:39", "'R' is not an error"),
        ("protocol P { int m() oneway; }", "input.avdl:1:14", "must return void"),
        // Annotations.
        ("protocol P { fixed F(2); record R { @foo(1) F f; } }", "input.avdl:1:37", "cannot be annotated"),
        ("protocol P { record R { @type(\"x\") int i; } }", "input.avdl:1:25", "'@type' cannot annotate a type"),
        ("protocol P { @fields([]) record R {} }", "input.avdl:1:14", "'@fields' cannot annotate a named type"),
        ("protocol P { record R { int @default(1) i; } }", "input.avdl:1:29", "'@default' cannot annotate a field"),
        ("protocol P { @response(\"x\") void m(); }", "input.avdl:1:14", "'@response' cannot annotate a message"),
        ("@types([]) protocol P {}", "input.avdl:1:1", "'@types' cannot annotate a protocol"),
        ("protocol P { record R { int @order(\"up\") i; } }", "input.avdl:1:29", "@order(…) must hold"),
        ("protocol P { @aliases(\"x\") record R {} }", "input.avdl:1:14", "@aliases(…) must hold an array"),
        ("@namespace(1) protocol P {}", "input.avdl:1:1", "@namespace(…) must hold a string"),
    ])
    func badIDLSaysWhatAndWhere(text: String, location: String, words: String) {
        expectIDLError(at: location, containing: words, text)
    }

    /// Nesting deeper than the limit is an error, not a stack overflow, and the limit is the
    /// schema parser's.
    @Test func deepNestingIsBounded() throws {
        let deep = "schema " + String(repeating: "array<", count: 5000) + "int" + String(repeating: ">", count: 5000) + ";"
        let error = expectAvroError(.invalidIDL) { _ = try AvroIDL(parsing: deep) }
        #expect(error?.message.contains("nested more than \(AvroNesting.defaultMaxDepth) levels") == true, "\(String(describing: error))")
        let json = "schema " + String(repeating: "array<", count: 10) + "int" + String(repeating: ">", count: 10) + ";"
        #expect(throws: Never.self) { try AvroIDL(parsing: json) }
        let deepDefault = "protocol P { record R { int i = " + String(repeating: "[", count: 5000) + "; } }"
        #expect(expectAvroError(.invalidIDL) { _ = try AvroIDL(parsing: deepDefault) } != nil)
    }

    /// A chain of records each using the next, declared flat, nests when written out; past
    /// the limit that is an error too.
    @Test func aLongChainOfTypesIsBounded() throws {
        let count = 2000
        var text = "namespace n; schema R0;\n"
        for index in 0..<count { text += "record R\(index) { \(index + 1 < count ? "R\(index + 1)" : "int") next; }\n" }
        let error = expectAvroError(.limitExceeded) { _ = try AvroIDL(parsing: text) }
        #expect(error != nil)
        var options = AvroSchema.ParsingOptions()
        options.maxDepth = 200
        let short = "namespace n; schema R0; record R0 { R1 next; } record R1 { int x; }"
        #expect(try AvroIDL(parsing: short, options: options).mainSchema?.name?.name == "R0")
    }

    /// Every prefix of a valid file fails cleanly: no crash, an error with a place.
    @Test func everyCutOfAValidFileFailsCleanly() throws {
        let text = """
            /** Doc. */ @namespace("x") protocol P {
              enum E { A, B } = A;  fixed F(4);
              record R { union { null, F } f = null; map<array<E>> m = {"k": ["A"]}; decimal(5,2) d; string? s = "x"; }
              R m(R r = {"f": null, "m": {}, "d": "\\u0000"}) throws Err;
              error Err { string why; }
              void o() oneway;
            }
            """
        _ = try AvroIDL(parsing: text)
        let scalars = Array(text.unicodeScalars)
        // A file with nothing but a comment is an empty schema file, which is valid.
        let firstToken = try #require(scalars.firstIndex(of: "@"))
        #expect(try AvroIDL(parsing: String(String.UnicodeScalarView(scalars[..<firstToken]))).warnings.count == 1)
        for end in (firstToken + 1)..<scalars.count {
            let prefix = String(String.UnicodeScalarView(scalars[..<end]))
            do {
                _ = try AvroIDL(parsing: prefix)
                Issue.record("a cut at \(end) was read")
            } catch let error as AvroError {
                #expect(error.path?.hasPrefix("input.avdl:") == true, "cut at \(end): \(error)")
            }
        }
    }
}
