# qunpulse: every service in one image; the command picks what runs (default `qunpulse run`).
FROM node:24-bookworm-slim
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && npx turbo run build --output-logs=errors-only
EXPOSE 8088
ENTRYPOINT ["node", "services/cli/bin/qunpulse.mjs"]
CMD ["run"]
