// The runtime's synchronous require, for node:module's createRequire (a CommonJS module gets it;
// ES modules do not). It loads built-ins by their full "node:" name.
module.exports = require;
