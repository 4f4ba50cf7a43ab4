# Kinesis emulator for docker-compose.yml (the same kinesalite version the embedded local mode uses).
FROM node:20-bookworm-slim
WORKDIR /opt/kinesalite
RUN npm init -y >/dev/null && npm install --no-audit --no-fund kinesalite@3.3.3 \
  && mkdir /data && chown node:node /data
USER node
EXPOSE 4567
VOLUME /data
HEALTHCHECK --interval=5s --timeout=3s --retries=20 \
  CMD node -e "require('net').connect(4567,'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))"
# Streams become ACTIVE at once; data lives in the /data volume so checkpoints stay meaningful across restarts.
CMD ["npx", "--no", "kinesalite", "--port", "4567", "--path", "/data", "--createStreamMs", "0", "--deleteStreamMs", "0", "--updateStreamMs", "0"]
