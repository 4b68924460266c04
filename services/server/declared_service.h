// DeclaredService: a gRPC service declared as a table of method name ->
// handler, on raw bytes underneath. Every RPC's request is parsed here
// rather than inside gRPC, so that a request gRPC would refuse with a bare
// INTERNAL (a string field that is not UTF-8: proto3 refuses to parse it)
// gets INVALID_ARGUMENT naming the field ("person.name: is not valid
// UTF-8"), as every other bad input does.
//
// A service derives from DeclaredService<v1::XService>, declares each
// method with Unary<Request, Response>(name, body), and checks with
// Declared() that none is missing. A body has the shape
//   grpc::ServerUnaryReactor* (const Rpc& rpc, const Request*, Response*)
// and is one line on ServeCall / ServeQuery (rpc.h).
#ifndef TUTORNET_SERVICES_SERVER_DECLARED_SERVICE_H_
#define TUTORNET_SERVICES_SERVER_DECLARED_SERVICE_H_

#include <grpcpp/grpcpp.h>
#include <grpcpp/impl/codegen/server_callback_handlers.h>
#include <grpcpp/support/byte_buffer.h>

#include <functional>
#include <memory>
#include <set>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "services/server/status_mapping.h"

namespace tutornet::server {

// One call of a unary RPC: its context, and how its typed response reaches
// the wire (called once, just before the call finishes OK).
struct Rpc {
  grpc::CallbackServerContext* ctx;
  std::function<void()> commit;
  // Bytes sent after the response's own: fields a query copies from stored
  // rows without parsing them (protobuf's wire format merges concatenated
  // messages, so the caller parses one response). Lives as long as the
  // call; empty for most calls.
  std::string* stored_fields;
};

// Parses `buffer` as `out`; INVALID_ARGUMENT naming the first string field
// that is not UTF-8, or saying the bytes are not such a message.
absl::Status ParseRequest(const grpc::ByteBuffer& buffer,
                          google::protobuf::Message* out);
// `message` serialized, followed by `stored_fields`.
void SerializeResponse(const google::protobuf::Message& message,
                       std::string stored_fields, grpc::ByteBuffer* out);

using RawHandler = std::function<grpc::ServerUnaryReactor*(
    grpc::CallbackServerContext*, const grpc::ByteBuffer*, grpc::ByteBuffer*)>;
// OK for a call with a valid token; UNAUTHENTICATED otherwise.
using Authenticate =
    std::function<absl::Status(const grpc::ServerContextBase&)>;

// A typed body on a raw method: the request and response live until the
// call has finished. A request that does not parse is answered only after
// the caller is authenticated: no one learns anything without a token.
template <typename Request, typename Response>
RawHandler Typed(Authenticate authenticate,
                 std::function<grpc::ServerUnaryReactor*(
                     const Rpc&, const Request*, Response*)>
                     body) {
  return [authenticate = std::move(authenticate), body = std::move(body)](
             grpc::CallbackServerContext* ctx,
             const grpc::ByteBuffer* wire_request,
             grpc::ByteBuffer* wire_response) {
    struct Call {
      Request request;
      Response response;
      std::string stored_fields;
    };
    auto call = std::make_shared<Call>();
    if (absl::Status parsed = ParseRequest(*wire_request, &call->request);
        !parsed.ok()) {
      grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
      const absl::Status caller = authenticate(*ctx);
      reactor->Finish(ToGrpcStatus(caller.ok() ? parsed : caller));
      return reactor;
    }
    Rpc rpc{ctx,
            [call, wire_response] {
              SerializeResponse(call->response, std::move(call->stored_fields),
                                wire_response);
            },
            &call->stored_fields};
    return body(rpc, &call->request, &call->response);
  };
}

template <typename Grpc>
class DeclaredService : public Grpc::Service {
 protected:
  explicit DeclaredService(Authenticate authenticate)
      : authenticate_(std::move(authenticate)) {}

  // Declares method `name` with a typed body.
  template <typename Request, typename Response, typename Body>
  void Unary(const std::string& name, Body body) {
    Handle(name, Typed<Request, Response>(
                     authenticate_,
                     std::function<grpc::ServerUnaryReactor*(
                         const Rpc&, const Request*, Response*)>(body)));
  }

  // Declares the handler of method `name` of the service.
  void Handle(const std::string& name, RawHandler handler) {
    const google::protobuf::ServiceDescriptor* service = Descriptor();
    for (int i = 0; i < service->method_count(); ++i) {
      if (service->method(i)->name() != name) continue;
      this->MarkMethodRawCallback(
          i, new grpc::internal::CallbackUnaryHandler<grpc::ByteBuffer,
                                                      grpc::ByteBuffer>(
                 std::move(handler)));
      declared_.insert(name);
      return;
    }
    unknown_.insert(name);
  }

 public:
  // OK when every method of the service has exactly a handler; INTERNAL
  // naming what is missing or unknown otherwise (a programming error,
  // found when the server starts).
  absl::Status Declared() const {
    const google::protobuf::ServiceDescriptor* service = Descriptor();
    for (int i = 0; i < service->method_count(); ++i) {
      if (declared_.count(service->method(i)->name()) == 0) {
        return absl::InternalError(absl::StrCat(service->full_name(), ".",
                                                service->method(i)->name(),
                                                " has no handler"));
      }
    }
    if (!unknown_.empty()) {
      return absl::InternalError(absl::StrCat(
          service->full_name(), " has no method ", *unknown_.begin()));
    }
    return absl::OkStatus();
  }

 private:
  static const google::protobuf::ServiceDescriptor* Descriptor() {
    return google::protobuf::DescriptorPool::generated_pool()
        ->FindServiceByName(Grpc::service_full_name());
  }
  const Authenticate authenticate_;
  std::set<std::string> declared_;
  std::set<std::string> unknown_;
};

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_DECLARED_SERVICE_H_
