import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs code on threads with a stack of a given size, and measures how much of it code used.
enum StackUsage {
    /// The stack the library's depth limits are made to fit: the usual size of a secondary
    /// thread on macOS.
    static let smallStack = 512 * 1024

    /// The bytes of stack `body` used, measured on a thread of its own whose stack (`size`
    /// bytes, our own memory) is filled with a pattern first: the deepest byte no longer
    /// holding the pattern marks the use. `nil` when no thread could be made.
    static func measure(stackSize size: Int = 64 << 20, _ body: @escaping () -> Void) -> Int? {
        let pattern: UInt8 = 0xA5
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard let memory = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), memory != MAP_FAILED else { return nil }
        defer { munmap(memory, size) }
        memset(memory, Int32(pattern), size)
        let finished = run(body, stack: (memory, size), pageSize: pageSize)
        guard finished else { return nil }
        // The stack grows down: find the lowest byte that is not the pattern.
        let bytes = memory.assumingMemoryBound(to: UInt8.self)
        var low = 0
        while low < size && bytes[low] == pattern { low += pageSize }
        // Refine within the page where the pattern first breaks.
        var start = max(0, low - pageSize)
        while start < size && bytes[start] == pattern { start += 1 }
        return size - start
    }

    /// Runs `body` on a thread whose stack is `size` bytes (a `Thread` with `stackSize`), and
    /// waits for it; returns what `body` returned.
    static func onThread<Result: Sendable>(stackSize size: Int = smallStack, _ body: @escaping @Sendable () -> Result) -> Result {
        let result = Box<Result>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            result.value = body()
            done.signal()
        }
        thread.stackSize = size
        thread.start()
        done.wait()
        return result.value!
    }

    private final class Box<Value>: @unchecked Sendable {
        var value: Value?
    }

    private final class Context {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    private static func run(_ body: @escaping () -> Void, stack: (UnsafeMutableRawPointer, Int), pageSize: Int) -> Bool {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        guard pthread_attr_setstack(&attributes, stack.0, stack.1) == 0 else { return false }
        let context = Unmanaged.passRetained(Context(body)).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let created = pthread_create(&thread, &attributes, { raw in
            #if canImport(Glibc)
            let context = Unmanaged<Context>.fromOpaque(raw!).takeRetainedValue()
            #else
            let context = Unmanaged<Context>.fromOpaque(raw).takeRetainedValue()
            #endif
            context.body()
            return nil
        }, context)
        guard created == 0 else {
            Unmanaged<Context>.fromOpaque(context).release()
            return false
        }
        #if canImport(Glibc)
        pthread_join(thread, nil)
        #else
        pthread_join(thread!, nil)
        #endif
        return true
    }
}
