// Starts Swagger UI on the backend's /docs page (loaded from this origin; no inline script).
// "Try it out" works with the browser session: unsafe requests carry the session's CSRF token.
(() => {
  const unsafe = new Set(["POST", "PUT", "PATCH", "DELETE"]);
  const csrfToken = () => {
    for (const part of document.cookie.split(";")) {
      const [name, ...rest] = part.trim().split("=");
      if (name === "pilotboard_csrf") return decodeURIComponent(rest.join("="));
    }
    return null;
  };
  window.ui = window.SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    tryItOutEnabled: false,
    persistAuthorization: false,
    requestInterceptor: (request) => {
      const token = csrfToken();
      if (token && unsafe.has(String(request.method).toUpperCase())) {
        request.headers["X-CSRF-Token"] = token;
      }
      return request;
    },
  });
})();
