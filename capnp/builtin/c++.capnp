# nanod's built-in stand-in for Cap'n Proto's "/capnp/c++.capnp".
#
# Only the C++ code-generator annotations that workerd.capnp (and typical config files)
# refer to are declared here. Ids match the upstream file.

@0xbdf87d7bb8304e81;

$namespace("capnp::annotations");

annotation namespace @0xb9c6f99ebf805f2c (file) :Text;
# C++ namespace for the generated code of a file.

annotation name @0xf264a779fef191ce (field, enumerant, struct, enum, interface, method, param, group, union) :Text;
# Replacement C++ identifier for a declaration.

annotation allowCancellation @0xac7096ff8cfc9dce (interface, method, file) :Void;
# RPC methods may be cancelled when the caller drops the call.
