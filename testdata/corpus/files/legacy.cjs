module.exports = { greet(name) { return "hi " + name; }, version: 2 };
