package dev.agentd.model.builtin;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in model's arithmetic: "What is 2+2?", "3 times 4", "multiply that by 10",
 * "add 5 to it". "that" and "it" stand for the last result, which the caller finds in the conversation.
 */
final class Arithmetic {
    /** A solved question: how to say the expression, and its value. */
    record Answer(String expression, BigDecimal value) {
        String sentence() {
            return expression + " equals " + format(value) + ".";
        }
    }

    private static final Pattern LEAD =
            Pattern.compile("^(?:(?:now|ok|okay|and|so|then|please|can you|could you|tell me)[ ,]+)*"
                    + "(?:what(?:'s| is)|how much is|calculate|compute|evaluate)?\\s*");
    private static final String OPERAND = "(-?\\d+(?:\\.\\d+)?|that|it)";
    private static final Pattern MULTIPLY = Pattern.compile("multiply " + OPERAND + " (?:by|with) " + OPERAND);
    private static final Pattern DIVIDE = Pattern.compile("divide " + OPERAND + " by " + OPERAND);
    private static final Pattern ADD = Pattern.compile("add " + OPERAND + " to " + OPERAND);
    private static final Pattern SUBTRACT = Pattern.compile("subtract " + OPERAND + " from " + OPERAND);
    private static final Pattern SYMBOLIC = Pattern.compile("[\\d.\\s+\\-*/x×÷()]+");
    private static final Pattern TOKEN =
            Pattern.compile("\\s*(multiplied by|divided by|times|plus|minus|that|it|\\d+(?:\\.\\d+)?|[-+*/x×÷()])");

    private Arithmetic() {}

    /** Solves {@code text}, or empty when it is not arithmetic (or needs a last result there is none of). */
    static Optional<Answer> solve(String text, Optional<BigDecimal> last) {
        String q = LEAD.matcher(text.trim()
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[?!.]+$", "")
                        .trim())
                .replaceFirst("")
                .trim();
        try {
            Optional<Answer> imperative = imperative(q, last);
            return imperative.isPresent() ? imperative : expression(q, last);
        } catch (ArithmeticException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Answer> imperative(String q, Optional<BigDecimal> last) {
        Matcher m;
        if ((m = MULTIPLY.matcher(q)).matches()) {
            return binary(operand(m.group(1), last), "multiplied by", operand(m.group(2), last), '*');
        }
        if ((m = DIVIDE.matcher(q)).matches()) {
            return binary(operand(m.group(1), last), "divided by", operand(m.group(2), last), '/');
        }
        if ((m = ADD.matcher(q)).matches()) {
            return binary(operand(m.group(2), last), "plus", operand(m.group(1), last), '+');
        }
        if ((m = SUBTRACT.matcher(q)).matches()) {
            return binary(operand(m.group(2), last), "minus", operand(m.group(1), last), '-');
        }
        return Optional.empty();
    }

    private static Optional<Answer> binary(BigDecimal a, String word, BigDecimal b, char op) {
        return Optional.of(new Answer(format(a) + " " + word + " " + format(b), apply(a, op, b)));
    }

    private static BigDecimal operand(String token, Optional<BigDecimal> last) {
        if (token.equals("that") || token.equals("it")) {
            return last.orElseThrow(() -> new IllegalArgumentException("no earlier result"));
        }
        return new BigDecimal(token);
    }

    private static Optional<Answer> expression(String q, Optional<BigDecimal> last) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(q);
        int pos = 0;
        while (pos < q.length()) {
            if (!m.find(pos) || m.start() != pos) {
                if (q.substring(pos).isBlank()) break;
                return Optional.empty();
            }
            tokens.add(m.group(1));
            pos = m.end();
        }
        boolean hasOperator = tokens.stream().anyMatch(t -> opOf(t) != 0);
        if (!hasOperator) return Optional.empty();
        Parser parser = new Parser(tokens, last);
        BigDecimal value = parser.sum();
        if (parser.pos != tokens.size()) return Optional.empty();
        String shown = SYMBOLIC.matcher(q).matches() && !q.contains("that") ? q : parser.spoken();
        return Optional.of(new Answer(shown, value));
    }

    private static char opOf(String token) {
        return switch (token) {
            case "+", "plus" -> '+';
            case "-", "minus" -> '-';
            case "*", "x", "×", "times", "multiplied by" -> '*';
            case "/", "÷", "divided by" -> '/';
            default -> 0;
        };
    }

    private static BigDecimal apply(BigDecimal a, char op, BigDecimal b) {
        return switch (op) {
            case '+' -> a.add(b);
            case '-' -> a.subtract(b);
            case '*' -> a.multiply(b);
            default -> a.divide(b, MathContext.DECIMAL64);
        };
    }

    static String format(BigDecimal value) {
        BigDecimal v = value.round(MathContext.DECIMAL64).stripTrailingZeros();
        return v.signum() == 0 ? "0" : v.toPlainString();
    }

    /** Recursive descent over the tokens, with the usual precedence; records a spoken form. */
    private static final class Parser {
        private final List<String> tokens;
        private final Optional<BigDecimal> last;
        private final StringBuilder spoken = new StringBuilder();
        int pos;

        Parser(List<String> tokens, Optional<BigDecimal> last) {
            this.tokens = tokens;
            this.last = last;
        }

        String spoken() {
            return spoken.toString().trim();
        }

        BigDecimal sum() {
            BigDecimal value = product();
            while (pos < tokens.size() && (opOf(tokens.get(pos)) == '+' || opOf(tokens.get(pos)) == '-')) {
                char op = opOf(tokens.get(pos++));
                say(op == '+' ? "plus" : "minus");
                value = apply(value, op, product());
            }
            return value;
        }

        private BigDecimal product() {
            BigDecimal value = atom();
            while (pos < tokens.size() && (opOf(tokens.get(pos)) == '*' || opOf(tokens.get(pos)) == '/')) {
                char op = opOf(tokens.get(pos++));
                say(op == '*' ? "multiplied by" : "divided by");
                value = apply(value, op, atom());
            }
            return value;
        }

        private BigDecimal atom() {
            if (pos >= tokens.size()) throw new IllegalArgumentException("expression ends early");
            String t = tokens.get(pos++);
            if (t.equals("(")) {
                spoken.append('(');
                BigDecimal inner = sum();
                if (pos >= tokens.size() || !tokens.get(pos++).equals(")")) throw new IllegalArgumentException(")");
                spoken.append(") ");
                return inner;
            }
            if (t.equals("-")) {
                spoken.append('-');
                return atom().negate();
            }
            BigDecimal value = operand(t, last);
            say(format(value));
            return value;
        }

        private void say(String word) {
            spoken.append(word).append(' ');
        }
    }
}
